package dev.portico.query.console;

import dev.portico.query.api.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shares: the signed-in operator, and the page that says what went wrong (an
 * operator's mistake, with the read API's status and message; a refusal of the command-service with its own).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ModelAttribute("operator")
    ConsoleOperator operator(@AuthenticationPrincipal ConsoleOperator operator) {
        return operator;
    }

    @ExceptionHandler(ApiError.class)
    String refused(ApiError error, HttpServletResponse response, Model model) {
        response.setStatus(error.status().value());
        model.addAttribute("problem", error.getMessage());
        return "console/problem";
    }

    @ExceptionHandler(ConsoleActionFailed.class)
    String failed(ConsoleActionFailed error, HttpServletResponse response, Model model) {
        response.setStatus(error.status());
        model.addAttribute("problem", error.getMessage());
        return "console/problem";
    }
}

package dev.portico.query.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; signing in and out themselves are Spring Security's ({@link ConsoleSecurityConfiguration}). */
@Controller
class ConsolePages {

    @GetMapping("/console/sign-in")
    String signIn() {
        return "console/sign-in";
    }
}

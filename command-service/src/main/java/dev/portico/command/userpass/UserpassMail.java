package dev.portico.command.userpass;

import dev.portico.command.userpass.UserpassTokens.IssuedToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The confirmation and reset e-mails, sent through Spring's JavaMail sender ({@code spring.mail.*}). A link
 * is the app's configured URL with {@code token} and {@code tokenId} added to its query, which is what the
 * app's page hands to {@code confirmUser} or {@code resetPassword}. Called from {@link UserpassBackground}.
 */
@Component
public class UserpassMail {
    private static final Logger log = LoggerFactory.getLogger(UserpassMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    public UserpassMail(ObjectProvider<JavaMailSender> sender, @Value("${portico.mail.from:no-reply@localhost}") String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Whether mail can be sent at all (spring.mail.host is set). */
    public boolean available() {
        return sender.getIfAvailable() != null;
    }

    void sendConfirmation(String to, UserpassSettings settings, IssuedToken token, String requestId) {
        send(to, settings.confirmEmailSubject(), """
                Someone, hopefully you, created an account with this address. To confirm it, open this link \
                within 30 minutes:

                %s

                If it was not you, ignore this message: without the link, nothing happens.
                """.formatted(link(settings.emailConfirmationUrl(), token)), "confirmation", requestId);
    }

    void sendReset(String to, UserpassSettings settings, IssuedToken token, String requestId) {
        send(to, settings.resetPasswordSubject(), """
                Someone, hopefully you, asked to reset the password of the account with this address. To choose \
                a new password, open this link within 30 minutes:

                %s

                If it was not you, ignore this message: your password stays as it is.
                """.formatted(link(settings.resetPasswordUrl(), token)), "reset", requestId);
    }

    /** The page's URL with the token added to its query (before any fragment). */
    static String link(String url, IssuedToken token) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + separator + "token=" + encode(token.token()) + "&tokenId=" + encode(token.tokenId()) + fragment;
    }

    private void send(String to, String subject, String text, String kind, String requestId) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.error("no {} e-mail sent (request {}): no mail server is configured (spring.mail.host)", kind, requestId);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        mail.send(message);
        log.info("sent a {} e-mail (request {})", kind, requestId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.portico.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmbeddedMailTest {
    @Test
    void catchesMailForAnyAddressAndWritesItToTheOutboxReadably() throws Exception {
        Path outbox = Files.createTempDirectory("mail-outbox");
        try (EmbeddedMail mail = EmbeddedMail.start(0, outbox)) {
            send(mail, "Anyone@Example.test", "Bestätigen Sie Ihr Konto", "Open https://app.example.test/confirm?token=abc&tokenId=def");

            assertThat(mail.awaitReceived(1, Duration.ofSeconds(30))).isTrue();
            EmbeddedMail.Mail received = mail.receivedBy("anyone@example.test").get(0);
            assertThat(received.subject()).isEqualTo("Bestätigen Sie Ihr Konto");
            assertThat(received.text()).isEqualTo("Open https://app.example.test/confirm?token=abc&tokenId=def");
            assertThat(received.from()).isEqualTo("portico@example.test");
            await().atMost(Duration.ofSeconds(30)).until(() -> files(outbox).size() == 1);
            assertThat(Files.readString(files(outbox).get(0)))
                    .contains("To: Anyone@Example.test\n")
                    .contains("Subject: Bestätigen Sie Ihr Konto\n")
                    .endsWith("\n\nOpen https://app.example.test/confirm?token=abc&tokenId=def\n");
        }
    }

    @Test
    void writesEachMessageOnceInTheOrderTheyCame() throws Exception {
        Path outbox = Files.createTempDirectory("mail-outbox");
        try (EmbeddedMail mail = EmbeddedMail.start(0, outbox)) {
            for (int i = 1; i <= 3; i++) {
                send(mail, "user" + i + "@example.test", "message " + i, "text " + i);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> files(outbox).size() == 3);
            List<String> subjects = files(outbox).stream().map(EmbeddedMailTest::subjectOf).toList();
            assertThat(subjects).containsExactly("message 1", "message 2", "message 3");
        }
    }

    private static void send(EmbeddedMail mail, String to, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", mail.host());
        properties.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("portico@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static List<Path> files(Path outbox) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
    }

    private static String subjectOf(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith("Subject: ")).findFirst()
                    .orElseThrow().substring("Subject: ".length());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

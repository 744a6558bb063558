package dev.portico.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A real SMTP server (GreenMail) that accepts every message for every address and keeps it in memory, so that
 * mail a service sends, in development or in a test, can be read without a mail server. Given an outbox
 * directory, it also writes each message there as a text file (headers decoded, the text body), which
 * {@code ./portico mail} shows.
 */
public final class EmbeddedMail implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final Path outbox;
    private final Thread writer;
    private volatile boolean running = true;

    private EmbeddedMail(GreenMail greenMail, Path outbox) {
        this.greenMail = greenMail;
        this.outbox = outbox;
        if (outbox == null) {
            writer = null;
        } else {
            writer = new Thread(this::writeArrivals, "embedded-mail-outbox");
            writer.setDaemon(true);
            writer.start();
        }
    }

    /**
     * @param port the SMTP port, or 0 for any free one
     * @param outbox where to write each message as text, or null to keep messages only in memory
     */
    public static EmbeddedMail start(int port, Path outbox) {
        ServerSetup smtp = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            smtp = smtp.dynamicPort();
        }
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        if (outbox != null) {
            try {
                Files.createDirectories(outbox);
            } catch (IOException e) {
                greenMail.stop();
                throw new UncheckedIOException("cannot create the mail outbox " + outbox, e);
            }
        }
        return new EmbeddedMail(greenMail, outbox);
    }

    public String host() {
        return HOST;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far, decoded. */
    public List<Mail> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(Mail::of).toList();
    }

    /** The messages received so far for one address (compared case-insensitively), in the order they came. */
    public List<Mail> receivedBy(String address) {
        return received().stream().filter(mail -> mail.to().stream().anyMatch(address::equalsIgnoreCase)).toList();
    }

    /** Waits until at least {@code count} messages have been received in all; false when the time ran out. */
    public boolean awaitReceived(int count, Duration timeout) {
        return greenMail.waitForIncomingEmail(timeout.toMillis(), count);
    }

    /** Forgets every message received so far. */
    public void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot purge the received mail", e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
        greenMail.stop();
    }

    /** A received message: its recipients, sender, subject, text body and when it was sent. */
    public record Mail(List<String> to, String from, String subject, String text, Instant sentAt, String messageId) {
        static Mail of(MimeMessage message) {
            try {
                List<String> to = message.getAllRecipients() == null ? List.of()
                        : Arrays.stream(message.getAllRecipients()).map(address -> address instanceof
                                jakarta.mail.internet.InternetAddress internet ? internet.getAddress()
                                : address.toString()).toList();
                String from = message.getFrom() == null || message.getFrom().length == 0 ? null
                        : message.getFrom()[0].toString();
                Instant sentAt = message.getSentDate() == null ? null : message.getSentDate().toInstant();
                return new Mail(to, from, message.getSubject(), text(message), sentAt, message.getMessageID());
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read a received message", e);
            }
        }

        /** The first text/plain part, or the first text part of any kind. */
        private static String text(Part part) throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                String fallback = null;
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String text = text(body);
                    if (text != null && body.isMimeType("text/plain")) {
                        return text;
                    }
                    fallback = fallback == null ? text : fallback;
                }
                return fallback;
            }
            if (part.isMimeType("text/*")) {
                return String.valueOf(part.getContent());
            }
            return null;
        }

        /** The message as {@code ./portico mail} shows it. */
        String asText() {
            return "Date: " + sentAt + "\nFrom: " + from + "\nTo: " + String.join(", ", to) + "\nSubject: " + subject
                    + "\n\n" + (text == null ? "(no text body)" : text.strip()) + "\n";
        }
    }

    /**
     * Writes each message once, in the order this thread sees them arrive. GreenMail signals arrivals; the
     * one-second bound only lets the thread notice that it should stop. A message is known by its Message-ID
     * (every JavaMail client sets one), or else by its headers and text.
     */
    private void writeArrivals() {
        Set<String> written = new HashSet<>();
        long sequence = 0;
        while (running) {
            greenMail.waitForIncomingEmail(1000, written.size() + 1);
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                try {
                    Mail mail = Mail.of(message);
                    String key = mail.messageId() != null ? mail.messageId()
                            : mail.sentAt() + "|" + mail.to() + "|" + mail.subject() + "|" + mail.text();
                    if (!written.add(key)) {
                        continue;
                    }
                    String name = String.format("%013d-%06d.txt", System.currentTimeMillis(), ++sequence);
                    Path partial = outbox.resolve(name + ".tmp");
                    Files.writeString(partial, mail.asText());
                    Files.move(partial, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    System.err.println("embedded mail: cannot write a message to " + outbox + ": " + e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "smtp://" + HOST + ":" + smtpPort() + (outbox == null ? "" : " (outbox " + outbox + ")");
    }
}

package dev.tributary.server.notify;

import dev.tributary.server.config.Config;
import dev.tributary.server.config.Secret;
import dev.tributary.server.config.Smtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/** Sends plain-text email through the SMTP server of the configuration; links in the emails point to {@code appUrl}. */
public final class Mailer {

    /** Bounds connecting, each read and each write, so that a silent SMTP server cannot hold a worker. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Smtp smtp;
    private final URI appUrl;
    private final Session session;

    public Mailer(Smtp smtp, URI appUrl) {
        this.smtp = Objects.requireNonNull(smtp, "smtp");
        this.appUrl = Objects.requireNonNull(appUrl, "appUrl");
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.from", smtp.from());
        properties.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        // Required, not just tried: without it a man in the middle could strip STARTTLS and read the password.
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        properties.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
        this.session = Session.getInstance(properties);
    }

    /** A mailer when SMTP_HOST is set; none means email is off. */
    public static Optional<Mailer> forConfig(Config config) {
        return config.smtp().map(smtp -> new Mailer(smtp, config.polytomicUrl()));
    }

    /** The URL users reach the server at, which links in emails start with. */
    public URI appUrl() {
        return appUrl;
    }

    /** Where mail goes, for the startup log: host, port and sender, never the password. */
    public String description() {
        return smtp.host() + ":" + smtp.port() + " from " + smtp.from() + (smtp.starttls() ? " (STARTTLS)" : " (no TLS)");
    }

    public void send(String to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(smtp.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        if (smtp.username().isPresent()) {
            Transport.send(message, smtp.username().get(), smtp.password().map(Secret::reveal).orElse(""));
        } else {
            Transport.send(message);
        }
    }

    /** Whether {@code text} is one plain email address: no display name, no list, nothing around it. */
    public static boolean plainAddress(String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            return address.getPersonal() == null && address.getAddress().equals(text) && text.indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }
}

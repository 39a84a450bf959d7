package dev.tributary.server.workspace;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.config.Secret;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.secrets.SecretsCipher;
import dev.tributary.server.store.Organization.SignInProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's own OpenID Connect provider as the API sets it: validated, its client secret encrypted (or kept
 * when sent back as {@code ****}), and decrypted again only for signing in.
 */
public final class SignInProviders {

    private final SecretsCipher cipher;

    public SignInProviders(SecretsCipher cipher) {
        this.cipher = cipher;
    }

    /** The provider to store, from what the request says and what is stored now. No issuer means none. */
    public Optional<SignInProvider> next(UUID organizationId, String issuer, String clientId, String clientSecret,
            Optional<SignInProvider> stored) {
        if (issuer == null || issuer.isBlank()) {
            return Optional.empty();
        }
        List<FieldError> errors = new ArrayList<>();
        String validIssuer = issuer.trim().replaceAll("/+$", "");
        try {
            URI uri = new URI(validIssuer);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new FieldError("issuer", "must be the provider's issuer URL, such as https://acme.okta.com."));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("issuer", "must be the provider's issuer URL, such as https://acme.okta.com."));
        }
        if (clientId == null || clientId.isBlank()) {
            errors.add(new FieldError("client_id", "is required with an issuer: the client id registered with the provider."));
        }
        boolean keep = Secret.MASK.equals(clientSecret) && stored.isPresent();
        if (!keep && (clientSecret == null || clientSecret.isBlank())) {
            errors.add(new FieldError("client_secret", "is required with an issuer: the client secret registered with the provider."));
        }
        if (!errors.isEmpty()) {
            throw TributaryException.invalid(errors);
        }
        String encrypted = keep ? stored.get().encryptedClientSecret() : cipher.encrypt(clientSecret, context(organizationId));
        return Optional.of(new SignInProvider(validIssuer, clientId.trim(), encrypted));
    }

    public Secret clientSecret(UUID organizationId, SignInProvider provider) {
        return new Secret(cipher.decrypt(provider.encryptedClientSecret(), context(organizationId)));
    }

    private static String context(UUID organizationId) {
        return "organization:" + organizationId + ":client_secret";
    }
}

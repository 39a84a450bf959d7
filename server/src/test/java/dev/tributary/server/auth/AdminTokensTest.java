package dev.tributary.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tributary.server.auth.Caller.Credential;
import dev.tributary.server.auth.Caller.UserCaller;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final String ISSUER = "https://tributary.example.com";

    private final UserCaller admin = new UserCaller(UUID.randomUUID(), UUID.randomUUID(), "ada@example.com", "admin", Credential.API_KEY);

    @Test
    void anIssuedTokenNamesItsHolderUntilItExpires() {
        String token = tokens(NOW).issue(admin).token();

        assertThat(tokens(NOW.plusSeconds(60)).verify(token))
                .contains(new AdminTokens.Holder(Optional.of(admin.userId()), Optional.of(admin.organization())));
        assertThat(tokens(NOW.plus(AdminTokens.LIFETIME)).verify(token)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String token = new AdminTokens("another-key-another-key-another-k".getBytes(), ISSUER, fixed(NOW)).issue(admin).token();

        assertThat(tokens(NOW).verify(token)).isEmpty();
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens(NOW).issue(admin).token();
        String[] parts = token.split("\\.");
        String otherClaims = tokens(NOW).issue(new UserCaller(UUID.randomUUID(), admin.organization(), "x@y.z", "admin",
                Credential.API_KEY)).token().split("\\.")[1];

        assertThat(tokens(NOW).verify(parts[0] + "." + otherClaims + "." + parts[2])).isEmpty();
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIsRefused() throws Exception {
        assertThat(tokens(NOW).verify(signed(new JWTClaimsSet.Builder().issuer(ISSUER).audience("someone-else")))).isEmpty();
        assertThat(tokens(NOW).verify(signed(new JWTClaimsSet.Builder().issuer("https://other.example.com").audience(AdminTokens.AUDIENCE))))
                .isEmpty();
        assertThat(tokens(NOW).verify(signed(new JWTClaimsSet.Builder().issuer(ISSUER).audience(AdminTokens.AUDIENCE)))).isPresent();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = new PlainJWT(claims(new JWTClaimsSet.Builder().issuer(ISSUER).audience(AdminTokens.AUDIENCE))).serialize();

        assertThat(tokens(NOW).verify(unsigned)).isEmpty();
    }

    private String signed(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(claims));
        jwt.sign(new MACSigner(KEY));
        return jwt.serialize();
    }

    private JWTClaimsSet claims(JWTClaimsSet.Builder claims) {
        return claims.subject(admin.userId().toString()).expirationTime(Date.from(NOW.plusSeconds(300))).build();
    }

    private static AdminTokens tokens(Instant now) {
        return new AdminTokens(KEY, ISSUER, fixed(now));
    }

    private static Clock fixed(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}

package dev.tributary.server.license;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.util.Date;

/** Signs licenses with the vendor's private key: the vendor's tool ({@code tributary license issue}), never needed to run. */
public final class LicenseIssuer {

    static final JOSEObjectType TYPE = new JOSEObjectType("tributary-license+jwt");
    static final String ISSUER = "tributary";

    private LicenseIssuer() {}

    /** The license as a compact JWS: the text that goes into DEPLOYMENT_KEY. */
    public static String issue(License license, ECPrivateKey key) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .claim(LicenseVerifier.DEPLOYMENT, license.deployment())
                .claim(LicenseVerifier.CUSTOMER, license.customer())
                .claim(LicenseVerifier.LIMITS, license.limits())
                .issueTime(Date.from(license.issuedAt()))
                .expirationTime(Date.from(license.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}

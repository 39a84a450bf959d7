package dev.tributary.server.cli;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.license.License;
import dev.tributary.server.license.LicenseIssuer;
import dev.tributary.server.license.LicenseKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The vendor's license tools: a key pair, and licenses signed with its private key. A server never needs these. */
@Command(name = "license", mixinStandardHelpOptions = true, description = "Issues licenses (DEPLOYMENT_KEY), for the vendor.",
        subcommands = {LicenseCommand.Keygen.class, LicenseCommand.Issue.class})
final class LicenseCommand {

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {
                    "Makes a license signing key pair: writes the private key to FILE (readable by you only) and prints the public key.",
                    "Servers trust the public key through LICENSE_PUBLIC_KEY."})
    static final class Keygen implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--private-key", required = true, paramLabel = "FILE", description = "Where to write the private key; must not exist.")
        Path privateKey;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(privateKey)) {
                throw new TributaryException(ErrorCode.INVALID_REQUEST, privateKey + " exists; choose another file, a key is never overwritten.");
            }
            KeyPair pair = LicenseKeys.generate();
            Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, LicenseKeys.pem((ECPrivateKey) pair.getPrivate()));
            spec.commandLine().getErr().println("Wrote the private key to " + privateKey + "; keep it secret. The public key:");
            PrintWriter out = spec.commandLine().getOut();
            out.print(LicenseKeys.pem((ECPublicKey) pair.getPublic()));
            // The PEM ends its own last line; print does not flush, and the process may exit next.
            out.flush();
            return 0;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {
                    "Prints a license for a deployment, signed with the private key: the value of its DEPLOYMENT_KEY.",
                    "Example: tributary license issue --private-key vendor.pem --deployment acme --customer 'Acme Inc.'"
                            + " --expires 2027-12-31 --limit syncs=50"})
    static final class Issue implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--private-key", required = true, paramLabel = "FILE", description = "The private key (PEM) from `license keygen`.")
        Path privateKey;

        @Option(names = "--deployment", required = true, paramLabel = "ID", description = "The DEPLOYMENT the license is for.")
        String deployment;

        @Option(names = "--customer", required = true, paramLabel = "NAME", description = "Who the license is for.")
        String customer;

        @Option(names = "--expires", required = true, paramLabel = "DATE", description = "Day the license ends (YYYY-MM-DD), at 00:00 UTC.")
        String expires;

        @Option(names = "--limit", paramLabel = "NAME=VALUE", description = "A limit the license grants, such as syncs=50; repeatable.")
        Map<String, String> limits = new LinkedHashMap<>();

        @Override
        public Integer call() throws IOException {
            ECPrivateKey key;
            try {
                key = LicenseKeys.privateKey(Files.readString(privateKey));
            } catch (IllegalArgumentException e) {
                throw new TributaryException(ErrorCode.INVALID_REQUEST, privateKey + " " + e.getMessage() + "; make one with `license keygen`.");
            }
            Instant expiresAt;
            try {
                expiresAt = LocalDate.parse(expires).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new TributaryException(ErrorCode.INVALID_REQUEST, "--expires '" + expires + "' is not a date such as 2027-12-31.");
            }
            License license = new License(deployment.strip(), customer.strip(), Instant.now(), expiresAt, limits);
            spec.commandLine().getOut().println(LicenseIssuer.issue(license, key));
            return 0;
        }
    }
}

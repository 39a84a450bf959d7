package dev.tributary.server.connect.files;

import static dev.tributary.server.connect.files.FilesConnectorFactory.ACCESS_KEY_ID;
import static dev.tributary.server.connect.files.FilesConnectorFactory.BUCKET;
import static dev.tributary.server.connect.files.FilesConnectorFactory.ENDPOINT;
import static dev.tributary.server.connect.files.FilesConnectorFactory.PATH_STYLE;
import static dev.tributary.server.connect.files.FilesConnectorFactory.PREFIX;
import static dev.tributary.server.connect.files.FilesConnectorFactory.REGION;
import static dev.tributary.server.connect.files.FilesConnectorFactory.SECRET_ACCESS_KEY;

import dev.tributary.server.connect.net.AddressGuard;
import dev.tributary.server.connect.objects.Content;
import dev.tributary.server.connect.objects.S3Clients;
import dev.tributary.server.connect.objects.S3Objects;
import dev.tributary.server.connect.objects.S3Upload;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Files in an S3 bucket under a prefix. Reads stream the object; writes stream a part at a time ({@link S3Upload}). */
final class S3Storage implements Storage {

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    /** The endpoint's host while it must be checked before each request; empty for AWS itself or when the operator allows link-local hosts. */
    private final Optional<String> endpointHost;
    private final int partSize;

    S3Storage(S3Client client, String bucket, String prefix, Optional<String> endpointHost, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
        this.endpointHost = endpointHost;
        this.partSize = partSize;
    }

    static S3Storage create(ConnectorConfig config) {
        return create(config, S3Upload.PART_SIZE);
    }

    /** @param partSize the size of each part of a multipart upload, at least S3's minimum of 5 MiB */
    static S3Storage create(ConnectorConfig config, int partSize) {
        AwsCredentialsProvider credentials = config.string(ACCESS_KEY_ID)
                .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(AwsBasicCredentials.create(id, config.requireString(SECRET_ACCESS_KEY))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Optional<URI> endpoint = config.string(ENDPOINT).map(URI::create);
        S3Client client = S3Clients.create(Optional.of(config.requireString(REGION)), endpoint, config.bool(PATH_STYLE), credentials);
        // Only an endpoint host is checked: AWS's own hosts are never link-local.
        Optional<String> guardedHost = endpoint.map(URI::getHost).filter(host -> !config.linkLocalAllowed());
        return new S3Storage(client, config.requireString(BUCKET), config.string(PREFIX).orElse(""), guardedHost, partSize);
    }

    /** The S3 client only talks to the endpoint after this check, so that no request can reach a metadata address. */
    private S3Client client() {
        endpointHost.ifPresent(host -> AddressGuard.check(ENDPOINT, host));
        return client;
    }

    private String fullKey(String key) {
        return prefix + key;
    }

    @Override
    public String location(String key) {
        return "s3://" + bucket + "/" + fullKey(key);
    }

    @Override
    public TestResult test() {
        Optional<String> refusal = endpointHost.flatMap(host -> AddressGuard.refusal(ENDPOINT, host));
        if (refusal.isPresent()) {
            return new TestResult.Failed(Problem.OTHER, refusal.get());
        }
        try {
            client.headBucket(request -> request.bucket(bucket));
            client.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).maxKeys(1));
            return new TestResult.Passed("Bucket " + bucket + " is reachable and can be listed");
        } catch (S3Exception e) {
            return switch (e.statusCode()) {
                case 404 -> new TestResult.Failed(Problem.DATABASE_MISSING, "Bucket " + bucket + " does not exist; check bucket, region and endpoint.");
                case 301, 400 -> new TestResult.Failed(Problem.OTHER, "Bucket " + bucket + " answered HTTP " + e.statusCode()
                        + "; check region, and path_style for an S3-compatible store.");
                case 401, 403 -> new TestResult.Failed(Problem.WRONG_CREDENTIALS, "Bucket " + bucket + " refused access (HTTP " + e.statusCode()
                        + "); check access_key_id and secret_access_key, and that they may list and write the bucket.");
                default -> new TestResult.Failed(Problem.OTHER, "Bucket " + bucket + " answered HTTP " + e.statusCode() + ".");
            };
        } catch (SdkClientException e) {
            return credentialsMissing(e)
                    ? new TestResult.Failed(Problem.WRONG_CREDENTIALS, noCredentials())
                    : new TestResult.Failed(Problem.HOST_UNREACHABLE, "Cannot reach the S3 endpoint for bucket " + bucket
                            + "; check endpoint and region, and that a firewall lets this server through.");
        }
    }

    private static boolean credentialsMissing(SdkClientException e) {
        return String.valueOf(e.getMessage()).contains("credentials");
    }

    private static String noCredentials() {
        return "No AWS credentials were found; set access_key_id and secret_access_key, or give the server credentials of its own"
                + " (an IAM role, or the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables).";
    }

    @Override
    public List<String> children() {
        try {
            List<String> children = new ArrayList<>();
            for (var page : client().listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix).delimiter("/"))) {
                page.commonPrefixes().stream().map(CommonPrefix::prefix).map(key -> key.substring(prefix.length())).forEach(children::add);
                page.contents().stream().map(S3Object::key).map(key -> key.substring(prefix.length())).filter(key -> !key.isEmpty()).forEach(children::add);
            }
            return children.stream().sorted().toList();
        } catch (SdkException e) {
            throw failure("Listing", "", e);
        }
    }

    @Override
    public List<String> files(String directory) {
        try {
            return S3Objects.keys(client(), bucket, fullKey(directory)).stream().map(key -> key.substring(prefix.length())).sorted().toList();
        } catch (SdkException e) {
            throw failure("Listing", directory, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            return S3Objects.exists(client(), bucket, fullKey(key));
        } catch (SdkException e) {
            throw failure("Reading", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return client().getObject(request -> request.bucket(bucket).key(fullKey(key)));
        } catch (SdkException e) {
            throw failure("Reading", key, e);
        }
    }

    @Override
    public void write(String key, Content content) {
        try {
            S3Upload.upload(this::client, bucket, fullKey(key), partSize, content);
        } catch (IOException e) {
            throw new ConnectorException("Writing " + location(key) + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw failure("Writing", key, e);
        }
    }

    /** Failures of the store itself (5xx, throttling, lost connections) may pass on a retry; refusals need a change. */
    private ConnectorException failure(String action, String key, SdkException e) {
        String where = location(key);
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : " " + s3.awsErrorDetails().errorCode();
            return switch (s3.statusCode()) {
                case 401, 403 -> new ConnectorException(action + " " + where + " was refused (HTTP " + s3.statusCode() + code
                        + "); check access_key_id and secret_access_key, and that they may read and write the bucket.", e);
                case 404 -> new ConnectorException(action + " " + where + " failed: it does not exist (HTTP 404" + code + "); check bucket and prefix.", e);
                case 429, 500, 502, 503, 504 -> new RetriableConnectorException(action + " " + where + " failed: HTTP " + s3.statusCode() + code + ".", e);
                default -> new ConnectorException(action + " " + where + " failed: HTTP " + s3.statusCode() + code + ".", e);
            };
        }
        if (e instanceof SdkClientException client && credentialsMissing(client)) {
            return new ConnectorException(noCredentials(), e);
        }
        return new RetriableConnectorException(action + " " + where + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        client.close();
    }
}

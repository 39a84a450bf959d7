package dev.tributary.server.connect.files;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (Adobe S3Mock) inside the test JVM on free ports, with one bucket, and a client of its own for fixtures.
 * Its keys are also what the AWS SDK default chain finds in this JVM.
 */
public final class TestingS3 implements AutoCloseable {

    public static final String BUCKET = "tributary-test";
    public static final String ACCESS_KEY_ID = "test-access-key";
    public static final String SECRET_ACCESS_KEY = "test-secret-key";

    private final S3MockApplication server;
    private final S3Client client;

    public TestingS3() throws Exception {
        // The server takes S3 credentials from the AWS SDK default chain, as from its environment in production; system
        // properties are the part of that chain a test can set. S3Mock accepts these keys.
        System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
        Path root = Files.createTempDirectory("s3mock");
        // S3Mock edits the properties it is given.
        server = S3MockApplication.start(new HashMap<>(Map.of(
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
                S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
                S3MockApplication.PROP_SILENT, true)));
        client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getHttpPort();
    }

    /** A client of the server that does not go through the connector. */
    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}

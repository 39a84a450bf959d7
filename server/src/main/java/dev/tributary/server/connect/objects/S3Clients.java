package dev.tributary.server.connect.objects;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** S3 clients, built one way for AWS S3 and S3-compatible stores alike. */
public final class S3Clients {

    private S3Clients() {}

    /**
     * @param region the bucket's region; empty to take it from the AWS SDK's default chain (AWS_REGION, the profile)
     * @param endpoint an S3-compatible store such as MinIO; empty for AWS S3
     * @param pathStyle address the bucket in the path (host/bucket/key), as most S3-compatible stores need
     */
    public static S3Client create(Optional<String> region, Optional<URI> endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder());
        region.map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                // S3-compatible stores do not all know the checksums AWS S3 now adds by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /** A presigner that signs URLs for the bucket the same {@link #create} arguments reach. */
    public static S3Presigner presigner(Optional<String> region, Optional<URI> endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        region.map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}

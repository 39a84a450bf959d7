package dev.tributary.server.blob;

import dev.tributary.server.config.BlobLocation;
import dev.tributary.server.connect.objects.S3Clients;
import dev.tributary.server.connect.objects.S3Objects;
import dev.tributary.server.connect.objects.S3Upload;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3 bucket (or an S3-compatible store) under a prefix. Writes stream a part at a time, so an object of
 * any size takes one part of memory; credentials come from the AWS SDK default chain.
 */
final class S3BlobStore implements BlobStore {

    private static final String CREDENTIALS = "the AWS SDK default chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile"
            + " (AWS_PROFILE), or an IAM role";

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final String description;
    private final int partSize;

    S3BlobStore(S3Client client, S3Presigner presigner, String bucket, String prefix, String description, int partSize) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.description = description;
        this.partSize = partSize;
    }

    static S3BlobStore open(BlobLocation location) {
        S3Client client;
        S3Presigner presigner;
        try {
            DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
            client = S3Clients.create(location.region(), location.endpoint(), location.pathStyle(), credentials);
            presigner = S3Clients.presigner(location.region(), location.endpoint(), location.pathStyle(), credentials);
        } catch (SdkClientException e) {
            // Building the client fails only when no region is given and the default chain has none either.
            throw new TributaryException(ErrorCode.BLOB_STORE_FAILED, "The blob store " + location + " names no region and the AWS SDK"
                    + " found none (AWS_REGION, the profile); add ?region=REGION, such as ?region=us-east-1.", e);
        }
        return new S3BlobStore(client, presigner, location.bucket(), location.prefix(), location.toString(), S3Upload.PART_SIZE);
    }

    private String fullKey(String key) {
        return prefix + BlobKeys.check(key);
    }

    @Override
    public void write(String key, Content content) {
        String fullKey = fullKey(key);
        try {
            S3Upload.upload(() -> client, bucket, fullKey, partSize, content::writeTo);
        } catch (IOException e) {
            throw new TributaryException(ErrorCode.BLOB_STORE_FAILED, "Writing '" + key + "' in " + description + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw failure("Writing", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        String fullKey = fullKey(key);
        try {
            return client.getObject(request -> request.bucket(bucket).key(fullKey));
        } catch (NoSuchKeyException e) {
            throw notFound(key, e);
        } catch (S3Exception e) {
            // Some S3-compatible stores answer a missing key with a plain 404 rather than NoSuchKey.
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw notFound(key, e);
            }
            throw failure("Reading", key, e);
        } catch (SdkException e) {
            throw failure("Reading", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        String fullKey = fullKey(key);
        try {
            return S3Objects.exists(client, bucket, fullKey);
        } catch (SdkException e) {
            throw failure("Reading", key, e);
        }
    }

    @Override
    public void delete(String key) {
        String fullKey = fullKey(key);
        try {
            client.deleteObject(request -> request.bucket(bucket).key(fullKey));
        } catch (SdkException e) {
            throw failure("Deleting", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        String checked = BlobKeys.checkPrefix(prefix);
        try {
            return S3Objects.keys(client, bucket, this.prefix + checked).stream()
                    .map(key -> key.substring(this.prefix.length()))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("Listing", checked, e);
        }
    }

    @Override
    public Optional<URI> presignedDownload(String key, Duration lifetime) {
        String fullKey = fullKey(key);
        try {
            return Optional.of(URI.create(presigner.presignGetObject(request -> request.signatureDuration(lifetime)
                    .getObjectRequest(get -> get.bucket(bucket).key(fullKey))).url().toString()));
        } catch (SdkException e) {
            throw failure("Signing a download of", key, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private TributaryException notFound(String key, S3Exception e) {
        return new TributaryException(ErrorCode.NOT_FOUND, "No object '" + key + "' in " + description + ".", e);
    }

    /** Refusals name what to change; anything else (5xx, lost connections) is the store failing, and a later try may pass. */
    private TributaryException failure(String action, String key, SdkException e) {
        String what = action + " '" + key + "' in " + description;
        String message;
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null ? "" : " " + s3.awsErrorDetails().errorCode();
            message = switch (s3.statusCode()) {
                case 401, 403 -> what + " was refused (HTTP " + s3.statusCode() + code + "); check the server's AWS credentials, from "
                        + CREDENTIALS + ", and that they may read, write and delete in bucket " + bucket + ".";
                case 404 -> what + " failed: bucket " + bucket + " does not exist (HTTP 404" + code + "); create it or correct the location.";
                case 301, 400 -> what + " failed (HTTP " + s3.statusCode() + code + "); check region, and endpoint for an S3-compatible store.";
                default -> what + " failed: HTTP " + s3.statusCode() + code + ".";
            };
        } else if (String.valueOf(e.getMessage()).contains("credentials")) {
            message = what + " failed: no AWS credentials were found; give the server credentials through " + CREDENTIALS + ".";
        } else {
            message = what + " failed: " + e.getMessage() + "; check endpoint and region, and that a firewall lets the server through.";
        }
        return new TributaryException(ErrorCode.BLOB_STORE_FAILED, message, e);
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}

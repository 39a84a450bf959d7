package dev.tributary.server.connect.objects;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Questions about the objects of a bucket that take more than one SDK call or an exception to answer. */
public final class S3Objects {

    private S3Objects() {}

    /** Whether the object exists; any answer but "not found" is thrown. */
    public static boolean exists(S3Client client, String bucket, String key) {
        try {
            client.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The full keys of every object under {@code prefix}, at any depth and in key order; folder markers (keys ending in /) are left out. */
    public static List<String> keys(S3Client client, String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (var page : client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))) {
            page.contents().stream().map(S3Object::key).filter(key -> !key.endsWith("/")).forEach(keys::add);
        }
        return keys;
    }
}

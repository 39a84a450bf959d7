package dev.tributary.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.config.BlobLocation;
import dev.tributary.server.connect.files.TestingS3;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blob store contract on a real S3 API server, as JOB_PAYLOAD_PATH=s3://bucket/prefix?endpoint=... gives it. That an
 * aborted upload leaves the object it would have replaced is S3's promise; S3Mock deletes that object on abort, so it is
 * not checked here.
 */
class S3BlobStoreIT extends BaseBlobStoreTest {

    private static TestingS3 s3;

    private String prefix;
    private String location;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new TestingS3();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Override
    protected BlobStore open() {
        prefix = "payloads-" + UUID.randomUUID() + "/";
        location = "s3://" + TestingS3.BUCKET + "/" + prefix + "?region=us-east-1&endpoint=" + s3.endpoint();
        return BlobStores.open(BlobLocation.parse(location));
    }

    @Override
    protected void largeObjectStored(String key) {
        String eTag = s3.client().headObject(request -> request.bucket(TestingS3.BUCKET).key(prefix + key)).eTag();
        assertThat(eTag).as("sent as a multipart upload of 8 MiB parts, so never held whole").endsWith("-8\"");
    }

    @Test
    void objectsLiveUnderThePrefixAndTheStoreDescribesItselfByItsLocation() {
        put("jobs/7/payload.json", "{}");

        assertThat(s3.client().headObject(request -> request.bucket(TestingS3.BUCKET).key(prefix + "jobs/7/payload.json")).contentLength())
                .isEqualTo(2);
        assertThat(store.describe()).isEqualTo(location).doesNotContain(TestingS3.SECRET_ACCESS_KEY);
    }
}

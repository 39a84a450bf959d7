package dev.tributary.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every blob store promises, run against each kind by its own test. */
abstract class BaseBlobStoreTest {

    /** Larger than several S3 upload parts, and streamed: neither side ever holds it whole. */
    static final long LARGE = 64L * 1024 * 1024;

    protected BlobStore store;

    /** A store on a fresh, empty location. */
    protected abstract BlobStore open() throws Exception;

    /** Checks a store may add about how the large object was stored. */
    protected void largeObjectStored(String key) {}

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aLargeObjectStreamsInAndOutWhole() throws Exception {
        GeneratedContent content = new GeneratedContent(LARGE);

        store.put("jobs/large/snapshot.bin", content, LARGE);

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long length;
        try (InputStream in = new DigestInputStream(store.open("jobs/large/snapshot.bin"), read)) {
            length = in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(length).isEqualTo(LARGE);
        assertThat(read.digest()).isEqualTo(content.digest());
        largeObjectStored("jobs/large/snapshot.bin");
    }

    @Test
    void anObjectWrittenAgainReplacesTheOldOne() {
        put("jobs/1/payload.json", "{\"version\": 1}");
        put("jobs/1/payload.json", "{\"version\": 2}");

        assertThat(read("jobs/1/payload.json")).isEqualTo("{\"version\": 2}");
        assertThat(store.list("jobs/1/")).containsExactly("jobs/1/payload.json");
    }

    @Test
    void listingReturnsEveryKeyUnderThePrefixInKeyOrder() {
        for (String key : List.of("jobs/12/c.csv", "jobs/1/b.csv", "other/d.csv", "jobs/1/a.csv", "jobs/1/deeper/e.csv")) {
            put(key, key);
        }

        assertThat(store.list("jobs/1/")).containsExactly("jobs/1/a.csv", "jobs/1/b.csv", "jobs/1/deeper/e.csv");
        assertThat(store.list("jobs/1")).containsExactly("jobs/1/a.csv", "jobs/1/b.csv", "jobs/1/deeper/e.csv", "jobs/12/c.csv");
        assertThat(store.list("")).containsExactly("jobs/1/a.csv", "jobs/1/b.csv", "jobs/1/deeper/e.csv", "jobs/12/c.csv", "other/d.csv");
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void aDeletedObjectIsGoneAndDeletingItAgainIsNoError() {
        put("jobs/2/payload.json", "{}");
        put("jobs/2/other.json", "{}");

        store.delete("jobs/2/payload.json");
        store.delete("jobs/2/payload.json");

        assertThat(store.exists("jobs/2/payload.json")).isFalse();
        assertThat(store.exists("jobs/2/other.json")).isTrue();
        assertThat(store.list("jobs/2/")).containsExactly("jobs/2/other.json");
        assertThatThrownBy(() -> store.open("jobs/2/payload.json")).satisfies(code(ErrorCode.NOT_FOUND));
    }

    @Test
    void aMissingObjectIsNotFoundNamingTheKeyAndTheStore() {
        assertThat(store.exists("jobs/none/payload.json")).isFalse();
        assertThatThrownBy(() -> store.open("jobs/none/payload.json"))
                .satisfies(code(ErrorCode.NOT_FOUND))
                .hasMessage("No object 'jobs/none/payload.json' in " + store.describe() + ".");
    }

    @Test
    void keysThatAreNotPlainRelativePathsAreRefusedWithTheReason() {
        for (String key : List.of("", "/etc/passwd", "jobs//x", "../outside", "jobs/../../outside", "jobs/./x", "jobs\\x", "jobs/",
                ".hidden/x", "jobs/.x.tmp")) {
            assertThatThrownBy(() -> put(key, "x")).as(key).satisfies(code(ErrorCode.INVALID_REQUEST))
                    .hasMessageStartingWith("The blob key '" + key + "' is refused: ").hasMessageContaining("jobs/<id>/snapshot.csv");
            assertThatThrownBy(() -> store.open(key)).as(key).satisfies(code(ErrorCode.INVALID_REQUEST));
            assertThatThrownBy(() -> store.exists(key)).as(key).satisfies(code(ErrorCode.INVALID_REQUEST));
            assertThatThrownBy(() -> store.delete(key)).as(key).satisfies(code(ErrorCode.INVALID_REQUEST));
        }
        assertThatThrownBy(() -> store.list("../")).satisfies(code(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> store.list("/jobs")).satisfies(code(ErrorCode.INVALID_REQUEST));
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNoObject() {
        assertThatThrownBy(() -> store.write("jobs/3/payload.bin", BaseBlobStoreTest::failAfterNineMebibytes))
                .satisfies(code(ErrorCode.BLOB_STORE_FAILED)).hasMessageContaining("the source connection dropped");
        store.write("jobs/3/next.bin", out -> out.write(new byte[10]));

        assertThat(store.exists("jobs/3/payload.bin")).isFalse();
        assertThat(store.list("jobs/3/")).containsExactly("jobs/3/next.bin");
    }

    @Test
    void contentOfAnotherLengthThanAnnouncedIsRefusedAndNothingStored() {
        byte[] bytes = "twelve bytes".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> store.put("jobs/4/payload.txt", new ByteArrayInputStream(bytes), 13))
                .satisfies(code(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("12 bytes long instead of the 13 announced");
        store.put("jobs/4/unknown.txt", new ByteArrayInputStream(bytes), -1);

        assertThat(store.exists("jobs/4/payload.txt")).isFalse();
        assertThat(read("jobs/4/unknown.txt")).isEqualTo("twelve bytes");
    }

    /** More than one S3 part, so that a multipart upload is under way when the content fails. */
    static void failAfterNineMebibytes(OutputStream out) throws IOException {
        out.write(new byte[9 * 1024 * 1024]);
        throw new IOException("the source connection dropped");
    }

    protected void put(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length);
    }

    protected String read(String key) {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Consumer<Throwable> code(ErrorCode code) {
        return failure -> assertThat(failure).isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}

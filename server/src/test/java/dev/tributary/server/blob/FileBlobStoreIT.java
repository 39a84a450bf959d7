package dev.tributary.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.config.BlobLocation;
import dev.tributary.server.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on a local directory, as JOB_PAYLOAD_PATH=file:///path gives it. */
class FileBlobStoreIT extends BaseBlobStoreTest {

    @TempDir
    Path directory;

    private Path root;

    @Override
    protected BlobStore open() {
        root = directory.resolve("payloads");
        return BlobStores.open(BlobLocation.parse(root.toUri().toString()));
    }

    @Test
    void theDirectoryIsCreatedByTheFirstWriteAndObjectsAreFilesInIt() throws Exception {
        assertThat(root).doesNotExist();

        put("jobs/5/payload.json", "{}");

        assertThat(Files.readString(root.resolve("jobs/5/payload.json"))).isEqualTo("{}");
        assertThat(store.describe()).isEqualTo("file://" + root);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldObjectInPlace() {
        put("jobs/3/payload.bin", "old");

        assertThatThrownBy(() -> store.write("jobs/3/payload.bin", BaseBlobStoreTest::failAfterNineMebibytes))
                .satisfies(code(ErrorCode.BLOB_STORE_FAILED));

        assertThat(read("jobs/3/payload.bin")).isEqualTo("old");
        assertThat(root.resolve("jobs/3")).isDirectoryNotContaining(path -> !path.getFileName().toString().equals("payload.bin"));
    }

    @Test
    void aWriteInProgressIsNotListed() throws Exception {
        put("jobs/6/payload.json", "{}");
        Files.writeString(root.resolve("jobs/6/.payload.json.0f8e.tmp"), "half");

        assertThat(store.list("jobs/6/")).containsExactly("jobs/6/payload.json");
    }
}

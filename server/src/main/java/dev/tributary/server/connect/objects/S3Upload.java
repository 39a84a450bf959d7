package dev.tributary.server.connect.objects;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The content of one object on its way to S3, a part at a time: sent as a single PUT when it fits in one part, as a
 * multipart upload otherwise, so an object of any size takes at most one part of memory. Nothing is visible until
 * {@link #commit()}.
 */
public final class S3Upload extends OutputStream {

    /** The part size of uploads; S3 takes parts of 5 MiB to 5 GiB and at most 10,000 of them, so objects up to 78 GiB. */
    public static final int PART_SIZE = 8 * 1024 * 1024;

    private final Supplier<S3Client> client;
    private final String bucket;
    private final String key;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private String uploadId;

    /**
     * @param client asked again for every request, so that a caller may check the endpoint each time
     * @param partSize the size of each part of a multipart upload, at least S3's minimum of 5 MiB
     */
    public S3Upload(Supplier<S3Client> client, String bucket, String key, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.buffer = new byte[partSize];
    }

    /**
     * Uploads the content whole or not at all: on any failure the multipart upload is aborted and the failure thrown as
     * it came, for the caller to word.
     */
    public static void upload(Supplier<S3Client> client, String bucket, String key, int partSize, Content content) throws IOException {
        S3Upload upload = new S3Upload(client, bucket, key, partSize);
        try {
            content.writeTo(upload);
            upload.commit();
        } catch (IOException | RuntimeException | Error e) {
            upload.abort();
            throw e;
        }
    }

    @Override
    public void write(int b) {
        buffer[filled++] = (byte) b;
        if (filled == buffer.length) {
            sendPart();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == buffer.length) {
                sendPart();
            }
        }
    }

    private RequestBody buffered() {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled);
    }

    private void sendPart() {
        if (uploadId == null) {
            uploadId = client.get().createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        }
        int number = parts.size() + 1;
        String eTag = client.get().uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId).partNumber(number), buffered()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        filled = 0;
    }

    /** Makes the object visible, replacing any object of that key. */
    public void commit() {
        if (uploadId == null) {
            client.get().putObject(request -> request.bucket(bucket).key(key), buffered());
            return;
        }
        if (filled > 0) {
            sendPart();
        }
        client.get().completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    /** Drops the parts sent so far; an unfinished upload is never visible as an object. */
    public void abort() {
        if (uploadId != null) {
            try {
                client.get().abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // The failure that led here is the one reported; the bucket's lifecycle rules clean up what is left.
            }
        }
    }

    /** Closing is neither committing nor aborting: the caller decides which. */
    @Override
    public void close() {}
}

package dev.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BlobLocationTest {

    @Test
    void anS3LocationNamesItsBucketPrefixRegionAndEndpoint() {
        BlobLocation location = BlobLocation.parse("s3://payloads/tributary/jobs?region=eu-west-1&endpoint=http://minio.internal:9000");

        assertThat(location.kind()).isEqualTo(BlobLocation.Kind.S3);
        assertThat(location.bucket()).isEqualTo("payloads");
        assertThat(location.prefix()).isEqualTo("tributary/jobs/");
        assertThat(location.region()).contains("eu-west-1");
        assertThat(location.endpoint()).contains(URI.create("http://minio.internal:9000"));
        assertThat(location.pathStyle()).as("an S3-compatible store is addressed path-style").isTrue();
    }

    @Test
    void aBareS3LocationUsesTheWholeBucketTheDefaultRegionChainAndVirtualHostAddressing() {
        BlobLocation location = BlobLocation.parse("s3://payloads");

        assertThat(location.prefix()).isEmpty();
        assertThat(location.region()).isEmpty();
        assertThat(location.endpoint()).isEmpty();
        assertThat(location.pathStyle()).isFalse();
        assertThat(BlobLocation.parse("s3://payloads/?endpoint=https://s3.example.com&path_style=false").pathStyle()).isFalse();
    }

    @Test
    void aFileLocationIsAnAbsoluteDirectory() {
        assertThat(BlobLocation.parse("file:///var/lib/tributary/payloads").uri().getPath()).isEqualTo("/var/lib/tributary/payloads");
        assertThat(BlobLocation.of(Path.of("/tmp/payloads")).kind()).isEqualTo(BlobLocation.Kind.FILE);
    }

    @Test
    void azureBlobStorageAndGoogleCloudStorageAreRefusedNamingWhatToUseInstead() {
        assertThatThrownBy(() -> BlobLocation.parse("azblob://container"))
                .hasMessage("is refused: azblob:// (Azure Blob Storage) is not supported in this build; use s3:// or file://");
        assertThatThrownBy(() -> BlobLocation.parse("gcs://bucket"))
                .hasMessage("is refused: gcs:// (Google Cloud Storage) is not supported in this build; use s3:// or file://");
    }

    @Test
    void malformedLocationsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BlobLocation.parse("file://relative/path")).hasMessageContaining("three slashes");
        assertThatThrownBy(() -> BlobLocation.parse("file:///data?x=1")).hasMessageContaining("takes no settings");
        assertThatThrownBy(() -> BlobLocation.parse("s3://AKIAEXAMPLE:wJalrXUtnFEMI@bucket")).hasMessageStartingWith("must not hold credentials")
                .hasMessageNotContaining("wJalrXUtnFEMI");
        assertThatThrownBy(() -> BlobLocation.parse("s3://Bad_Bucket")).hasMessageStartingWith("has a bucket name S3 does not allow");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket/a//b")).hasMessageContaining("empty, '.' or '..' folder");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket/../b")).hasMessageContaining("empty, '.' or '..' folder");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket?access_key=x")).hasMessage(
                "has an unknown setting 'access_key'; s3:// takes region, endpoint and path_style");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket?endpoint=minio:9000")).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket?endpoint=http://user:pw@minio:9000")).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket?path_style=yes")).hasMessageContaining("neither true nor false");
        assertThatThrownBy(() -> BlobLocation.parse("s3://bucket?region=a&region=b")).hasMessage("sets 'region' twice");
        assertThatThrownBy(() -> BlobLocation.parse("ftp://host")).hasMessage("has an unsupported scheme 'ftp'");
    }
}

package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.artifact.ContentDigest;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The artifact routes: streaming round trips, digests, hostile paths, sealing, ownership and ranges. */
abstract class ArtifactApiContractTest extends ApiTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Member member;
    private static String team;

    @BeforeAll
    static void team() {
        team = unique("art-team");
        member = teamMember(team);
    }

    @Test
    void randomBytesRoundTripWithDigestHeaders() throws Exception {
        String version = newVersion();
        byte[] bytes = random(3 * 1024 * 1024 + 17);
        Response put = upload(version, "weights/model.bin", bytes, sha256(bytes));
        assertStatus(201, put);
        assertThat(put.body().get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(put.body().get("size").asLong()).isEqualTo(bytes.length);

        HttpResponse<byte[]> got = download(version, "weights/model.bin", null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(bytes);
        assertThat(got.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
        assertThat(got.headers().firstValue("Repr-Digest")).hasValue(ContentDigest.header(sha256(bytes)));
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + sha256(bytes) + "\"");
    }

    @Test
    void anUploadWithoutADigestIsHashedByTheServer() throws Exception {
        String version = newVersion();
        byte[] bytes = random(1000);
        assertStatus(201, upload(version, "config.json", bytes, null));
        assertThat(listing(version).get(0).get("sha256").asText()).isEqualTo(sha256(bytes));
    }

    @Test
    void aWrongDigestIsRefusedAndNothingIsListed() throws Exception {
        String version = newVersion();
        byte[] bytes = random(200_000);
        assertProblem(upload(version, "weights.bin", bytes, sha256(random(10))), 400, "digest-mismatch");
        assertThat(listing(version)).isEmpty();
        assertThat(registry.server().blobStore().size(sha256(bytes))).isEmpty();
        assertThat(download(version, "weights.bin", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aMalformedContentDigestIsRefused() throws Exception {
        String version = newVersion();
        Response response = send(uploadRequest(version, "a.bin", new byte[] {1, 2})
                .header("Content-Digest", "sha-256=:not base64!:").build());
        assertProblem(response, 400, "validation-failed");
        assertThat(listing(version)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2Fescape", "a%2F..%2F..%2Fb", "%2Fetc%2Fpasswd", "a%2F%2Fb", ".", "a%2F.%2Fb",
            "a%00b", "a%20b", "%C3%BC", "a%5Cb"})
    void hostilePathsAreRefusedAndNothingIsWritten(String encodedPath) throws Exception {
        String version = newVersion();
        Response response = send(HttpRequest.newBuilder(artifactUri(version, encodedPath))
                .header("Authorization", "Bearer " + member.token())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {42})).build());
        assertThat(response.status()).isBetween(400, 404);
        assertThat(listing(version)).isEmpty();
    }

    @Test
    void aPathLongerThan255BytesIsRefused() throws Exception {
        String version = newVersion();
        assertProblem(upload(version, "a".repeat(256), new byte[] {1}, null), 400, "validation-failed");
        assertStatus(201, upload(version, "a".repeat(255), new byte[] {1}, null));
    }

    @Test
    void noWriteLandsOutsideTheStore() throws Exception {
        Path data = registry.server().blobStore() instanceof dev.modelregistry.server.artifact.FileBlobStore
                ? Path.of(registry.server().blobStore().describe().replace("files under ", "")) : null;
        assertThat(data).isNotNull();
        Path root = data.getParent();
        String version = newVersion();
        for (String hostile : new String[] {"..%2F..%2Fpwned", "%2E%2E%2Fpwned", "..%252Fpwned"}) {
            send(HttpRequest.newBuilder(artifactUri(version, hostile)).header("Authorization", "Bearer " + member.token())
                    .PUT(HttpRequest.BodyPublishers.ofString("owned")).build());
        }
        // Everything under the registry's own directory, and the directory that holds it: two levels of "..", the
        // most a hostile name here spells, cannot reach further. Not all of /tmp, which other runs change meanwhile.
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("pwned"))).isEmpty();
        }
        try (Stream<Path> siblings = Files.list(root.getParent())) {
            assertThat(siblings.filter(p -> p.getFileName().toString().contains("pwned"))).isEmpty();
        }
    }

    @Test
    void theSameContentAgainIsANoOpAndOtherContentReplacesWithAnAuditEntry() throws Exception {
        String version = newVersion();
        byte[] first = random(5000);
        byte[] second = random(6000);
        assertStatus(201, upload(version, "tok.json", first, sha256(first)));
        Response again = assertStatus(200, upload(version, "tok.json", first, sha256(first)));
        assertThat(again.body().get("outcome").asText()).isEqualTo("unchanged");
        Response replaced = assertStatus(200, upload(version, "tok.json", second, sha256(second)));
        assertThat(replaced.body().get("outcome").asText()).isEqualTo("replaced");
        assertThat(download(version, "tok.json", null).body()).isEqualTo(second);

        JsonNode audit = assertStatus(200, get("/audit?subject=artifact:" + version + "/tok.json", member.token())).body();
        assertThat(audit.get("items")).extracting(e -> e.get("action").asText())
                .containsExactly("artifact.uploaded", "artifact.replaced");
    }

    @Test
    void aSealedVersionRefusesWritesAndSealingTwiceChangesNothing() throws Exception {
        String version = newVersion();
        assertStatus(201, upload(version, "w.bin", random(10), null));
        JsonNode sealed = assertStatus(200, post(versionPath(version) + ":seal", member.token(), "")).body();
        assertThat(sealed.get("ready_at").isNull()).isFalse();
        JsonNode again = assertStatus(200, post(versionPath(version) + ":seal", member.token(), "")).body();
        assertThat(again.get("ready_at")).isEqualTo(sealed.get("ready_at"));

        assertProblem(upload(version, "w.bin", random(10), null), 409, "version-sealed");
        assertProblem(upload(version, "new.bin", random(10), null), 409, "version-sealed");
        assertThat(listing(version)).hasSize(1);
        JsonNode audit = assertStatus(200, get("/audit?subject=version:" + version, member.token())).body();
        assertThat(audit.get("items")).extracting(e -> e.get("action").asText()).containsOnlyOnce("version.sealed");
    }

    @Test
    void aNonMemberMayReadButNotWriteOrSeal() throws Exception {
        String version = newVersion();
        byte[] bytes = random(100);
        assertStatus(201, upload(version, "w.bin", bytes, null));
        String outsider = user(unique("outsider"));
        assertProblem(send(uploadRequest(version, "x.bin", bytes, outsider).build()),
                403, "not-team-member");
        assertProblem(post(versionPath(version) + ":seal", outsider, ""), 403, "not-team-member");
        HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(artifactUri(version, "w.bin"))
                .header("Authorization", "Bearer " + outsider).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(read.body()).isEqualTo(bytes);
        assertThat(listing(version)).hasSize(1);
    }

    @Test
    void anAdminMayWriteToAnyModel() throws Exception {
        String version = newVersion();
        assertStatus(201, send(uploadRequest(version, "admin.bin", random(10), ADMIN).build()));
    }

    @Test
    void rangeRequestsReturnTheAskedBytes() throws Exception {
        String version = newVersion();
        byte[] bytes = random(10_000);
        assertStatus(201, upload(version, "r.bin", bytes, null));

        HttpResponse<byte[]> middle = download(version, "r.bin", "bytes=100-199");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100-199/10000");

        assertThat(download(version, "r.bin", "bytes=9990-").body()).isEqualTo(Arrays.copyOfRange(bytes, 9990, 10_000));
        assertThat(download(version, "r.bin", "bytes=-5").body()).isEqualTo(Arrays.copyOfRange(bytes, 9995, 10_000));
        assertThat(download(version, "r.bin", "bytes=9000-20000").body()).isEqualTo(Arrays.copyOfRange(bytes, 9000, 10_000));
        assertThat(download(version, "r.bin", "bytes=10000-").statusCode()).isEqualTo(416);
        assertThat(download(version, "r.bin", "bytes=0-1,5-6").statusCode()).isEqualTo(200);
    }

    @Test
    void aBlobMissingFromTheStoreIsAWhole503ProblemForSmallLargeAndRangedReads() throws Exception {
        String version = newVersion();
        byte[] small = random(100);
        byte[] large = random(5 * 1024 * 1024);
        assertStatus(201, upload(version, "small.bin", small, null));
        assertStatus(201, upload(version, "large.bin", large, null));
        registry.server().blobStore().delete(sha256(small));
        registry.server().blobStore().delete(sha256(large));

        for (String[] read : new String[][] {{"small.bin", null}, {"large.bin", null}, {"large.bin", "bytes=100-199"}}) {
            HttpResponse<byte[]> missing = download(version, read[0], read[1]);
            String body = new String(missing.body(), StandardCharsets.UTF_8);
            assertThat(missing.statusCode()).as("%s %s", read[0], read[1]).isEqualTo(503);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(missing.headers().firstValue("Content-Length").map(Long::parseLong))
                    .hasValue((long) missing.body().length);
            assertThat(JSON.readTree(body).get("type").asText()).isEqualTo(PROBLEM_PREFIX + "unavailable");
        }
    }

    @Test
    void rangePositionsBeyondALongAreOutsideTheArtifactNotAFailure() throws Exception {
        String version = newVersion();
        byte[] bytes = random(100);
        assertStatus(201, upload(version, "huge-range.bin", bytes, null));

        assertThat(download(version, "huge-range.bin", "bytes=9999999999999999999-").statusCode()).isEqualTo(416);
        assertThat(download(version, "huge-range.bin", "bytes=0-9999999999999999999").body()).isEqualTo(bytes);
        assertThat(download(version, "huge-range.bin", "bytes=-9999999999999999999").body()).isEqualTo(bytes);
        assertThat(download(version, "huge-range.bin", "bytes=99999999999999999999-").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownVersionsAndArtifactsAre404() throws Exception {
        String version = newVersion();
        assertThat(download(version, "missing.bin", null).statusCode()).isEqualTo(404);
        String otherModel = unique("other");
        assertProblem(get("/models/" + otherModel + "/versions/" + version + "/artifacts", member.token()), 404, "not-found");
        assertProblem(upload(version.replace("-r1", "-r9"), "a.bin", new byte[] {1}, null), 404, "not-found");
    }

    @Test
    void theListingIsSortedByPath() throws Exception {
        String version = newVersion();
        for (String path : new String[] {"z.bin", "a/b.bin", "m.json"}) {
            assertStatus(201, upload(version, path, random(3), null));
        }
        assertThat(listing(version)).extracting(a -> a.get("path").asText()).containsExactly("a/b.bin", "m.json", "z.bin");
    }

    private String newVersion() {
        String model = unique("art");
        return register(model, member.token(), registration(team)).get("model_id").asText();
    }

    private static String versionPath(String version) {
        return "/models/" + version.substring(0, version.indexOf('@')) + "/versions/" + version;
    }

    private static URI artifactUri(String version, String encodedPath) {
        return registry.baseUri().resolve(versionPath(version) + "/artifacts/" + encodedPath);
    }

    private static HttpRequest.Builder uploadRequest(String version, String path, byte[] bytes) {
        return uploadRequest(version, path, bytes, member.token());
    }

    private static HttpRequest.Builder uploadRequest(String version, String path, byte[] bytes, String token) {
        return HttpRequest.newBuilder(artifactUri(version, path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private static Response upload(String version, String path, byte[] bytes, String sha256) {
        HttpRequest.Builder request = uploadRequest(version, path, bytes);
        if (sha256 != null) {
            request.header("Content-Digest", ContentDigest.header(sha256));
        }
        return send(request.build());
    }

    private static HttpResponse<byte[]> download(String version, String path, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(artifactUri(version, path))
                .header("Authorization", "Bearer " + member.token());
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode listing(String version) {
        return assertStatus(200, get(versionPath(version) + "/artifacts", member.token())).body().get("items");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

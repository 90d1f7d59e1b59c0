package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URLs come out decoded, with each credential, token and signature replaced whole. */
class UrlRedactorTest {
    private static final UrlRedactor URLS = new UrlRedactor(TextRedactor.standard("US"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // an encoded '@' in the password: decoding first used to cut the userinfo in half ("ss@host" left)
        "https://user:p%40ss@host.example.com/x|https://[SECRET]@host.example.com/x",
        "https://user%3Ap%40ss@host.example.com/|https://[SECRET]@host.example.com/",
        "postgres://:Tr0ub4dor@10.0.0.5/db|postgres://[SECRET]@10.0.0.5/db",
        "mongodb://user:pw@1.2.3.4:27017/admin|mongodb://[SECRET]@1.2.3.4:27017/admin",
        "ssh://git@git.example.com/acme/app.git|ssh://git@git.example.com/acme/app.git", // a user, no password
        // an encoded '&' or '=' inside a value stays inside it
        "https://x.example.com/?password=ab%26cd%3Def&lang=en|https://x.example.com/?password=[SECRET]&lang=en",
        // presigned: signature and credential, nothing else of the query
        "https://b.s3.amazonaws.com/r.pdf?X-Amz-Credential=AKIAZ5XQ3M7PLK2RT9WB%2F20261201%2Fus-east-1&X-Amz-Expires=3600"
            + "&X-Amz-Signature=5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d"
            + "|https://b.s3.amazonaws.com/r.pdf?X-Amz-Credential=[SECRET]&X-Amz-Expires=3600&X-Amz-Signature=[SECRET]",
        "https://storage.googleapis.com/b/o?GoogleAccessId=svc%40p.iam.gserviceaccount.com&Expires=1764403200"
            + "|https://storage.googleapis.com/b/o?GoogleAccessId=[SECRET]&Expires=1764403200",
        // reset and magic links: the token segment; a UUID or commit elsewhere is an id and stays
        "https://a.example.com/reset-password/8f3KqL2mZx9Wv4Nb7Tc1Yd6Re0|https://a.example.com/reset-password/[SECRET]",
        "https://a.example.com/invite/6f1c9a2e-4b7d-4e3a-9c1f-2d8e5b7a0c3f/accept|https://a.example.com/invite/[SECRET]/accept",
        "https://a.example.com/orders/6f1c9a2e-4b7d-4e3a-9c1f-2d8e5b7a0c3f|https://a.example.com/orders/6f1c9a2e-4b7d-4e3a-9c1f-2d8e5b7a0c3f",
        "https://github.com/a/b/commit/3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f|https://github.com/a/b/commit/3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f",
        // unnamed and innocently named random values; ordinary values stay
        "https://e.example.com/verify?Xk9mR2pL7qW4nB8vT1cY6z&lang=de|https://e.example.com/verify?[SECRET]&lang=de",
        "https://e.example.com/dl?f=Xk9mR2pL7qW4nB8vT1cY6zH3&page=2|https://e.example.com/dl?f=[SECRET]&page=2",
        // a redirect target's own query is read too
        "https://l.example.com/?next=https%3A%2F%2Fapp.example.com%2Fcb%3Fcode%3DSplxlOBeZQQ%26state%3Dxyz"
            + "|https://l.example.com/?next=https://app.example.com/cb?code=[SECRET]&state=xyz",
    })
    void replacedWhole(String url, String expected) {
        assertEquals(expected, URLS.redact(url).text());
    }
}

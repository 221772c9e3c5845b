package dev.jsctx.liveview;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A page fetched with a plain HTTP client: its join token and the session cookie the token is bound to, for
 * tests that join from raw sockets or sign their own tokens.
 */
record TestPage(String token, String cookie) {

    static TestPage get(int port, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        String token = response.body().replaceAll("(?s).*" + LiveProtocol.ATTR_TOKEN + "=\"([^\"]+)\".*", "$1");
        return new TestPage(token, cookie);
    }

    /** What a token bound to this page's cookie carries. */
    String binding() {
        return SessionCookie.binding(cookie);
    }
}

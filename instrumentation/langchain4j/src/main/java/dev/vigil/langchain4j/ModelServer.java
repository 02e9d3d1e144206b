package dev.vigil.langchain4j;

import dev.vigil.GenAiCallBuilder;
import java.net.URI;

/**
 * The model server's {@code server.address} and {@code server.port}, read from a model's base URL. LangChain4j keeps
 * the base URL inside each model, out of a listener's reach, so it is given once when the instrumentation is made.
 */
record ModelServer(String host, int port) {
    /** No server known: the attributes are left out. */
    static final ModelServer UNKNOWN = new ModelServer(null, -1);

    /**
     * @param baseUrl a base URL such as {@code https://api.openai.com/v1}, or null
     * @return its host and port (the scheme's default when absent), or {@link #UNKNOWN} when it is not a URL with a
     *     host
     */
    static ModelServer of(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return UNKNOWN;
        }
        try {
            URI uri = URI.create(baseUrl.trim());
            if (uri.getHost() == null) {
                return UNKNOWN;
            }
            int port = uri.getPort();
            if (port < 0) {
                port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            }
            return new ModelServer(uri.getHost(), port);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    GenAiCallBuilder describe(GenAiCallBuilder call) {
        return host == null ? call : call.serverAddress(host).serverPort(port);
    }
}

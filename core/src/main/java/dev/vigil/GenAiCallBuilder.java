package dev.vigil;

import dev.vigil.internal.ApiWarnings;

/**
 * Describes one GenAI call before it starts; from {@link GenAi#chat}, {@link GenAi#embeddings},
 * {@link GenAi#retrieval}, {@link GenAi#rerank} or {@link GenAi#operation}. Single use, one thread.
 *
 * <pre>{@code
 * try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini")
 *         .serverAddress("api.openai.com").serverPort(443).feature("support-bot").start()) {
 *     ...
 * }
 * }</pre>
 */
public final class GenAiCallBuilder {
    private final GenAi genAi;
    private final String operation;
    private final String provider;
    private final String requestModel;
    private final String dataSourceId;
    private String serverAddress;
    private int serverPort = -1;
    private String feature;

    GenAiCallBuilder(GenAi genAi, String operation, String provider, String requestModel, String dataSourceId) {
        this.genAi = genAi;
        this.operation = operation;
        this.provider = provider;
        this.requestModel = requestModel;
        this.dataSourceId = dataSourceId;
    }

    /**
     * @param host the model server's host, {@code server.address}, for example {@code api.openai.com}
     * @return this builder
     */
    public GenAiCallBuilder serverAddress(String host) {
        if (host != null && !host.isBlank()) {
            this.serverAddress = host;
        }
        return this;
    }

    /**
     * @param port the model server's port, {@code server.port}; ignored outside 1 to 65535
     * @return this builder
     */
    public GenAiCallBuilder serverPort(int port) {
        if (port > 0 && port <= 65535) {
            this.serverPort = port;
        } else {
            ApiWarnings.warn("invalid-genai", "server port " + port + " is not a port; it is left out");
        }
        return this;
    }

    /**
     * Attributes the call's cost to a feature of the service: the {@code feature} tag of {@code gen_ai.client.cost}.
     * Keep it to a handful of fixed values (a feature, not a user or a prompt).
     *
     * @param name the feature, for example {@code support-bot}
     * @return this builder
     */
    public GenAiCallBuilder feature(String name) {
        if (name != null && !name.isBlank()) {
            this.feature = name;
        }
        return this;
    }

    /**
     * Starts the call's span and makes it current on this thread until {@link GenAiCall#close()}.
     *
     * @return the started call; close it
     */
    public GenAiCall start() {
        return new GenAiCall(genAi, this, false);
    }

    /**
     * Starts the call without making it current anywhere, for a call whose events arrive on other threads (a
     * streaming callback); its parent is the current span. Close it from any thread.
     *
     * @return the started call; close it
     */
    public GenAiCall startDetached() {
        return new GenAiCall(genAi, this, true);
    }

    /** The call's span: its name and the attributes known before it starts. */
    ObservationBuilder span(Vigil vigil, String pipeline) {
        String target = dataSourceId != null ? dataSourceId : requestModel;
        ObservationBuilder o = vigil.observation(operation + ' ' + target).kind(SpanKind.CLIENT)
                .attribute("gen_ai.operation.name", operation)
                .attribute("gen_ai.provider.name", provider);
        put(o, "gen_ai.request.model", requestModel);
        put(o, "gen_ai.data_source.id", dataSourceId);
        put(o, "server.address", serverAddress);
        if (serverPort > 0) {
            o.attribute("server.port", (long) serverPort);
        }
        put(o, "vigil.genai.feature", feature);
        put(o, "gen_ai.pipeline.name", pipeline);
        return o;
    }

    private static void put(ObservationBuilder o, String key, String value) {
        if (value != null) {
            o.attribute(key, value);
        }
    }

    String operation() {
        return operation;
    }

    String provider() {
        return provider;
    }

    String requestModel() {
        return requestModel;
    }

    String dataSourceId() {
        return dataSourceId;
    }

    String serverAddress() {
        return serverAddress;
    }

    int serverPort() {
        return serverPort;
    }

    String feature() {
        return feature;
    }
}

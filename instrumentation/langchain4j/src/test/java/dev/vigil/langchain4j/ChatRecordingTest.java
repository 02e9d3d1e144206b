package dev.vigil.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.output.FinishReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The mappings from LangChain4j's values to the conventions' that need no model server. */
class ChatRecordingTest {
    @Test
    void providersMapToTheSpecsValues() {
        assertThat(ChatRecording.providerName(ModelProvider.OPEN_AI)).isEqualTo("openai");
        assertThat(ChatRecording.providerName(ModelProvider.ANTHROPIC)).isEqualTo("anthropic");
        assertThat(ChatRecording.providerName(ModelProvider.AMAZON_BEDROCK)).isEqualTo("aws.bedrock");
        assertThat(ChatRecording.providerName(ModelProvider.GOOGLE_VERTEX_AI_GEMINI)).isEqualTo("gcp.vertex_ai");
        assertThat(ChatRecording.providerName(ModelProvider.MISTRAL_AI)).isEqualTo("mistral_ai");
        assertThat(ChatRecording.providerName(ModelProvider.OTHER)).isEqualTo("_OTHER");
        assertThat(ChatRecording.providerName(null)).isEqualTo("_OTHER");
        assertThat(Arrays.stream(ModelProvider.values()).map(ChatRecording::providerName))
                .allMatch(name -> name.equals(name.toLowerCase(java.util.Locale.ROOT)) || name.equals("_OTHER"));
    }

    @Test
    void theStatusCodeIsFoundAmongTheCausesAndCyclesEnd() {
        assertThat(ChatRecording.statusCode(new RateLimitException(new HttpException(429, "slow down")))).isEqualTo(429);
        assertThat(ChatRecording.statusCode(new LangChain4jException("no status"))).isEqualTo(-1);
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(ChatRecording.statusCode(b)).isEqualTo(-1);
    }

    @Test
    void finishReasonsAreOpenAisSpelling() {
        assertThat(Arrays.stream(FinishReason.values()).map(ChatRecording::finishReason))
                .containsExactly("stop", "length", "tool_calls", "content_filter", "other");
    }

    @Test
    void theServerIsTheBaseUrlsHostAndPortWithTheSchemesDefault() {
        assertThat(ModelServer.of("https://api.openai.com/v1")).isEqualTo(new ModelServer("api.openai.com", 443));
        assertThat(ModelServer.of("http://127.0.0.1:8000/v1")).isEqualTo(new ModelServer("127.0.0.1", 8000));
        assertThat(ModelServer.of("http://localhost/v1")).isEqualTo(new ModelServer("localhost", 80));
        assertThat(ModelServer.of("not a url")).isEqualTo(ModelServer.UNKNOWN);
        assertThat(ModelServer.of(null)).isEqualTo(ModelServer.UNKNOWN);
    }
}

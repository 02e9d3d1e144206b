/**
 * LangChain4j instrumentation: {@link dev.vigil.langchain4j.VigilLangChain4j#listener(dev.vigil.Vigil)} records every
 * call of a {@code ChatModel} after the OpenTelemetry GenAI conventions, and the {@code observe(...)} wrappers add
 * what a listener cannot see: the chunks of a stream and embeddings.
 */
package dev.vigil.langchain4j;

/**
 * Model providers at the edge: HTTP adapters for OpenAI-compatible, Anthropic and Ollama APIs, the resilience and
 * budget decorators around them, and the catalog that builds them from a models file.
 */
package dev.truce.provider;

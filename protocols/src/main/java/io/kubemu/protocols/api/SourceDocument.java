package io.kubemu.protocols.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One document of a manifest file as a JSON tree, with where each of its fields is written. */
record SourceDocument(JsonNode root, SourceMap marks) {}

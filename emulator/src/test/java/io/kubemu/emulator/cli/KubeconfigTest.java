package io.kubemu.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @Test
  void theCurrentContextPointsAtTheApiServerWithNoCredentials(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state/kubeconfig");
    Kubeconfig.write(file, "http://127.0.0.1:6443");
    JsonNode k = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    assertEquals("Config", k.path("kind").asText());
    String context = k.path("current-context").asText();
    JsonNode ctx = k.path("contexts").path(0);
    assertEquals(context, ctx.path("name").asText());
    JsonNode cluster = k.path("clusters").path(0);
    assertEquals(ctx.path("context").path("cluster").asText(), cluster.path("name").asText());
    assertEquals("http://127.0.0.1:6443", cluster.path("cluster").path("server").asText());
    assertEquals(ctx.path("context").path("user").asText(), k.path("users").path(0).path("name").asText());
    assertEquals(0, k.path("users").path(0).path("user").size(), "no credentials");
  }
}

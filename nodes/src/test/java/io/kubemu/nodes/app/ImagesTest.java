package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.AuthoritativeDns;
import io.kubemu.nodes.app.dns.CoreDns;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImagesTest {
  private static String name(String reference) {
    return Images.find(reference).map(Images.Image::name).orElse("none");
  }

  @Test
  void registryTagAndDigestAreIgnored() {
    assertEquals("busybox", name("busybox"));
    assertEquals("busybox", name("busybox:1.36"));
    assertEquals("busybox", name("docker.io/library/busybox:1.36.1"));
    assertEquals("busybox",
        name("docker.io/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7"));
    assertEquals("busybox", name("localhost:5000/busybox"));
    assertEquals("udp-echo", name("ghcr.io/kubemu/udp-echo:latest"));
    assertEquals("udp-echo", name("ghcr.io/kubemu/udp-echo"));
  }

  @Test
  void webImagesAreFoundByTheirRepositoryName() {
    assertEquals("nginx", name("nginx:1.27"));
    assertEquals("nginx-unprivileged", name("nginxinc/nginx-unprivileged:stable-alpine"));
    assertEquals("httpd", name("httpd:2.4"));
    assertEquals("http-echo", name("hashicorp/http-echo:1.0"));
    assertEquals("agnhost", name("registry.k8s.io/e2e-test-images/agnhost:2.47"));
    assertEquals("curl", name("curlimages/curl:8.5.0"));
  }

  @Test
  void dnsImagesRunCoreDnsAndTheAuthoritativeServer() {
    Images.Image coredns = Images.find("registry.k8s.io/coredns/coredns:v1.11.3").orElseThrow();
    assertEquals(List.of("/coredns"), coredns.defaultCommand());
    assertInstanceOf(CoreDns.class, coredns.program("/coredns").orElseThrow());
    Images.Image server = Images.find("ghcr.io/kubemu/dns-server:1.0").orElseThrow();
    assertEquals(List.of("/dns-server"), server.defaultCommand());
    assertInstanceOf(AuthoritativeDns.class, server.program("/dns-server").orElseThrow());
  }

  @Test
  void unknownImagesAreEmpty() {
    assertEquals(Optional.empty(), Images.find("redis:7"));
    assertEquals(Optional.empty(), Images.find("ghcr.io/busybox/other"));
    assertEquals(Optional.empty(), Images.find(""));
  }

  @Test
  void imagesShipTheirProgramsAndDefaultCommands() {
    Images.Image busybox = Images.find("busybox:1.36").orElseThrow();
    assertInstanceOf(Ping.class, busybox.program("ping").orElseThrow());
    assertTrue(busybox.program("curl").isEmpty(), "busybox has wget, not curl");
    assertInstanceOf(Wget.class, busybox.program("wget").orElseThrow());
    assertEquals(List.of("sh"), busybox.defaultCommand());
    assertEquals(List.of("udp-echo"), Images.find("udp-echo").orElseThrow().defaultCommand());
    assertEquals(List.of("agnhost", "bench", "busybox", "controller", "coredns", "curl", "dns-server", "http-echo", "httpd",
        "jessie-dnsutils", "nginx", "nginx-unprivileged", "udp-echo"), Images.known());
    assertInstanceOf(Nslookup.class, busybox.program("nslookup").orElseThrow());
    assertInstanceOf(Cat.class, busybox.program("cat").orElseThrow());
    assertInstanceOf(io.kubemu.nodes.app.dig.Dig.class,
        Images.find("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3").orElseThrow().program("dig").orElseThrow());
    assertInstanceOf(io.kubemu.nodes.app.dig.Dig.class,
        Images.find("registry.k8s.io/e2e-test-images/agnhost:2.39").orElseThrow().program("dig").orElseThrow());
    assertEquals(List.of("/docker-entrypoint.sh"), Images.find("nginx").orElseThrow().defaultCommand());
    assertEquals(List.of("/http-echo"), Images.find("hashicorp/http-echo").orElseThrow().defaultCommand());
    assertInstanceOf(Curl.class, Images.find("nginx").orElseThrow().program("curl").orElseThrow());
  }
}

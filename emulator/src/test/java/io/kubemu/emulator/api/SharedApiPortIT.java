package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Two API servers share one port (SO_REUSEPORT), as the control-plane hosts on one machine do; anything else is refused it. */
class SharedApiPortIT {
  private static final ActorTestKit kit = StoreTestKit.create("SharedApiPortIT");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static ServerBinding bind(int port, boolean share) throws Exception {
    var store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    return ApiServer.start(kit.system(), store, "127.0.0.1", port, share).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSecondSharingServerJoinsThePortAndKeepsServingItWhenTheFirstGoes() throws Exception {
    ServerBinding first = bind(0, true);
    int port = first.localAddress().getPort();
    ServerBinding second = bind(port, true);
    assertEquals(port, second.localAddress().getPort());

    ExecutionException notShared = assertThrows(ExecutionException.class, () -> bind(port, false));
    assertEquals(BindException.class, rootCause(notShared).getClass(), "a server that does not share is refused the port");
    try (ServerSocket plain = new ServerSocket()) {
      assertThrows(BindException.class, () -> plain.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port)),
          "so is any other process: 'up' checks the port this way first");
    }

    first.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/namespaces"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
    }
    second.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}

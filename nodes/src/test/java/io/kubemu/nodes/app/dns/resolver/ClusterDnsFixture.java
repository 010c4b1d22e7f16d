package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.nodes.stack.PodStack;

/**
 * A client pod (10.244.0.2) and a cluster DNS server pod (10.244.0.3) on one {@link HubNet}, the
 * server knowing a Service web (A, its http SRV record, its PTR record): what the DNS client
 * tools' tests run against. Tests add records, or more servers on the hub, as they need.
 */
public final class ClusterDnsFixture {
  public final HubNet net = new HubNet();
  public final PodStack client = net.pod("client", 2);
  public final FakeDnsServer dns = new FakeDnsServer("cluster.local.")
      .record("web.default.svc.cluster.local. 30 IN A 10.96.0.20")
      .record("_http._tcp.web.default.svc.cluster.local. 30 IN SRV 0 100 80 web.default.svc.cluster.local.")
      .record("20.0.96.10.in-addr.arpa. 30 IN PTR web.default.svc.cluster.local.");

  public ClusterDnsFixture() {
    new FakeAppContext(net.pod("coredns", 3), "coredns").start(dns);
  }

  /** Runs {@code app} in the client pod with a ClusterFirst resolv.conf naming the server, until the wire is quiet. */
  public FakeAppContext run(App app, String... argv) {
    return run(FakeDnsServer.clusterFirst("10.244.0.3"), app, argv);
  }

  /** The same with the resolv.conf {@code resolvConf}. */
  public FakeAppContext run(String resolvConf, App app, String... argv) {
    FakeAppContext ctx = new FakeAppContext(client, argv).file(PodFiles.RESOLV_CONF, resolvConf).start(app);
    net.pump();
    return ctx;
  }
}

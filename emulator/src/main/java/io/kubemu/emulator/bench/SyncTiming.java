package io.kubemu.emulator.bench;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.proxy.Proxiers;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.ServiceNat;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-proxy's sync at scale, timed in this JVM, the way a node does it: the host's service feed
 * builds the whole {@link ProxyState} from every Service and EndpointSlice, and the node's
 * {@link ServiceNat} hands it to its proxier, which rewrites its whole dataplane. Per mode, on a
 * fresh proxier: the first sync (its mode's code cold, as in a kube-proxy that just started), then {@link #RESYNCS}
 * re-syncs, each after one Service's endpoints were replaced, and the heap the programmed
 * proxier holds (after full collections; an estimate).
 */
final class SyncTiming {
  static final int RESYNCS = 5;
  private static final Ipv4Address NODE_IP = Ipv4Address.parse("172.18.0.2");
  private static final Ipv4Cidr CLUSTER_CIDR = Ipv4Cidr.parse("10.128.0.0/9");

  /**
   * One mode's sync: building the state and the first sync (ms), the re-syncs after one change
   * (state and sync together, ms: median and slowest), and the heap held by the proxier (MB).
   */
  record Result(String mode, int services, int endpoints, double stateMs, double firstSyncMs, double resyncMedianMs,
      double resyncMaxMs, double heapMb) {}

  private final ScaleObjects objects;

  SyncTiming(int services, int endpointsPerService) {
    this.objects = new ScaleObjects(services, endpointsPerService);
    // the state is built the same way in every mode: warm its code up once, so no mode pays for it alone
    ProxyState.from(objects.services, objects.slices);
  }

  Result time(String mode) {
    long t0 = System.nanoTime();
    ProxyState state = ProxyState.from(objects.services, objects.slices);
    long t1 = System.nanoTime();
    long before = usedHeapAfterGc();
    Conntrack conntrack = new Conntrack(ConntrackConfig.KUBE_PROXY, System::nanoTime);
    ServiceNat nat = new ServiceNat(Proxiers.create(mode, new Proxiers.NodeSide("w1", NODE_IP, CLUSTER_CIDR, conntrack, "rr")),
        conntrack);
    long t2 = System.nanoTime();
    nat.sync(state);
    long t3 = System.nanoTime();
    double heapMb = (usedHeapAfterGc() - before) / 1048576.0;
    List<Double> resyncs = new ArrayList<>();
    for (int r = 1; r <= RESYNCS; r++) {
      objects.roll(r * 997, r);
      long s = System.nanoTime();
      nat.sync(ProxyState.from(objects.services, objects.slices));
      resyncs.add((System.nanoTime() - s) / 1e6);
    }
    resyncs.sort(null);
    return new Result(mode, objects.services.size(), objects.endpoints(), (t1 - t0) / 1e6, (t3 - t2) / 1e6,
        resyncs.get(resyncs.size() / 2), resyncs.get(resyncs.size() - 1), heapMb);
  }

  /** Heap in use after two full collections. */
  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}

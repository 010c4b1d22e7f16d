package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.cluster;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** loadbalance: a headless Service's addresses come in changing orders, after any CNAME. */
class LoadBalanceTest {
  private static List<String> order(Message m) {
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void addressesAreShuffledAndTheSetKept() {
    KubernetesZone zone = KubernetesZone.of(cluster(), "cluster.local");
    Random random = new Random(42);
    Set<List<String>> orders = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Message m = LoadBalance.shuffle(zone.answer(query("db.default.svc.cluster.local", "A")).orElseThrow(), random);
      orders.add(order(m));
      assertEquals(Set.of("10.244.1.5", "10.244.1.6", "10.244.1.8"), Set.copyOf(order(m)));
      assertEquals(3, m.getHeader().getCount(Section.ANSWER));
    }
    assertTrue(orders.size() > 1, "the three addresses came in one order only: " + orders);
  }

  @Test
  void aCnameComesBeforeTheShuffledAddresses() {
    ZoneRecords records = new ZoneRecords(5, 1);
    Name alias = Name.fromConstantString("alias.default.svc.cluster.local.");
    Name db = Name.fromConstantString("db.default.svc.cluster.local.");
    Message m = new Message();
    m.addRecord(records.address(db, "10.244.1.5"), Section.ANSWER);
    m.addRecord(records.cname(alias, db), Section.ANSWER);
    m.addRecord(records.address(db, "10.244.1.6"), Section.ANSWER);
    m.addRecord(records.address(db, "10.244.1.8"), Section.ANSWER);
    LoadBalance.shuffle(m, new Random(7));
    assertEquals(List.of(Type.CNAME, Type.A, Type.A, Type.A), m.getSection(Section.ANSWER).stream().map(Record::getType).toList());
  }
}

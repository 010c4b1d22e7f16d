package io.kubemu.nodes.app.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * CoreDNS's {@code loadbalance} plugin (round_robin): the A, AAAA and MX records of an answer come
 * in a random order, after the other records (CNAMEs first, so that a chain still reads in order),
 * so that clients taking the first address spread over a headless Service's endpoints.
 */
final class LoadBalance {
  private LoadBalance() {}

  static Message shuffle(Message reply, Random random) {
    List<Record> answer = reply.getSection(Section.ANSWER);
    List<Record> fixed = new ArrayList<>();
    List<Record> shuffled = new ArrayList<>();
    for (Record r : answer) {
      int t = r.getType();
      (t == Type.A || t == Type.AAAA || t == Type.MX ? shuffled : fixed).add(r);
    }
    if (shuffled.size() < 2) {
      return reply;
    }
    Collections.shuffle(shuffled, random);
    reply.removeAllRecords(Section.ANSWER);
    fixed.forEach(r -> reply.addRecord(r, Section.ANSWER));
    shuffled.forEach(r -> reply.addRecord(r, Section.ANSWER));
    return reply;
  }
}

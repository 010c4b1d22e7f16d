package io.kubemu.nodes.app.dns;

import java.math.BigDecimal;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * CoreDNS's {@code log} plugin: one line per answered query of a server block that has it, in
 * CoreDNS's common format: {@code [INFO] 10.244.1.3:41234 - 4242 "A IN web.default.svc.cluster.local.
 * udp 58 false 512" NOERROR qr,aa,rd 106 0.000213s}.
 */
final class QueryLog implements DnsEndpoint.Listener {
  private final CoreDnsServer server;
  private final Consumer<String> log;

  QueryLog(CoreDnsServer server, Consumer<String> log) {
    this.server = server;
    this.log = log;
  }

  @Override
  public void answered(DnsRequest request, Message reply, int bytes) {
    Record q = request.query().getQuestion();
    if (!server.blockFor(request.serverPort(), q.getName()).map(b -> b.has("log")).orElse(false)) {
      return;
    }
    OPTRecord opt = request.query().getOPT();
    boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    int bufsize = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
    String seconds = BigDecimal.valueOf(System.nanoTime() - request.receivedNanos(), 9).stripTrailingZeros().toPlainString();
    log.accept("[INFO] " + request.client() + ":" + request.clientPort() + " - " + request.query().getHeader().getID() + " \""
        + Type.string(q.getType()) + " " + DClass.string(q.getDClass()) + " " + q.getName() + " " + request.proto() + " "
        + request.query().numBytes() + " " + dnssecOk + " " + bufsize + "\" " + Rcode.string(reply.getRcode()) + " "
        + reply.getHeader().printFlags().trim().replace(' ', ',') + " " + bytes + " " + seconds + "s");
  }
}

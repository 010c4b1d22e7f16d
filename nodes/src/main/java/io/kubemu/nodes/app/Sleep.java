package io.kubemu.nodes.app;

import java.time.Duration;

/** {@code sleep SECONDS|infinity}: the usual main process of a busybox container. */
public final class Sleep implements App {
  private AppContext ctx;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    if (ctx.argv().size() != 2) {
      ctx.err("sleep: usage: sleep SECONDS\n");
      ctx.exit(1);
      return;
    }
    String arg = ctx.argv().get(1);
    if (arg.equals("infinity")) {
      return;
    }
    try {
      double s = Double.parseDouble(arg.endsWith("s") ? arg.substring(0, arg.length() - 1) : arg);
      if (s < 0 || Double.isNaN(s)) {
        throw new NumberFormatException();
      }
      ctx.schedule("done", Duration.ofMillis((long) Math.min(s * 1000, Long.MAX_VALUE / 2)));
    } catch (NumberFormatException e) {
      ctx.err("sleep: invalid number '" + arg + "'\n");
      ctx.exit(1);
    }
  }

  @Override
  public void onTimer(String key) {
    ctx.exit(0);
  }
}

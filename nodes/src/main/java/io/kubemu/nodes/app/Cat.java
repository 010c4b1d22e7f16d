package io.kubemu.nodes.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code cat [FILE]...}: prints each file, or stdin for none or {@code -}. The files a container
 * has are the kubelet's (see {@link AppContext#readFile}); any other is missing, which busybox and
 * GNU coreutils report in their own words, going on with the next file and exiting 1 at the end.
 */
public final class Cat implements App {
  private final boolean gnu;

  /** busybox's cat. */
  public Cat() {
    this(false);
  }

  /** GNU coreutils' cat ({@code gnu}), as Debian-based images have it, or busybox's. */
  public Cat(boolean gnu) {
    this.gnu = gnu;
  }

  @Override
  public void start(AppContext ctx) {
    List<String> files = ctx.argv().subList(1, ctx.argv().size());
    for (String f : files) {
      if (f.length() > 1 && f.startsWith("-")) {
        // Numbering and showing non-printing characters are not emulated: every option is refused.
        ctx.err("cat: invalid option -- '" + f.charAt(1) + "'\n" + (gnu ? "Try 'cat --help' for more information.\n" : ""));
        ctx.exit(1);
        return;
      }
    }
    int status = 0;
    for (String f : files.isEmpty() ? List.of("-") : files) {
      Optional<String> text = f.equals("-") ? Optional.of(new String(ctx.stdin(), StandardCharsets.UTF_8)) : ctx.readFile(f);
      if (text.isPresent()) {
        ctx.out(text.get());
      } else {
        ctx.err(gnu ? "cat: " + f + ": No such file or directory\n" : "cat: can't open '" + f + "': No such file or directory\n");
        status = 1;
      }
    }
    ctx.exit(status);
  }
}

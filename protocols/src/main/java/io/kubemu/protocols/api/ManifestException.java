package io.kubemu.protocols.api;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest was refused as a whole; the message lists every problem found, one per line. */
public final class ManifestException extends RuntimeException {
  private final transient List<ManifestProblem> problems;

  public ManifestException(List<ManifestProblem> problems) {
    super(problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ManifestException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<ManifestProblem> problems() {
    return problems;
  }
}

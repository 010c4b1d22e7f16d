package io.kubemu.emulator.controlplane;

import io.kubemu.protocols.addr.Cidr;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.FieldPath;
import io.kubemu.protocols.api.validation.Formats;
import io.kubemu.protocols.api.validation.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IPPool checks Calico's API server makes against what is stored (libcalico-go's ipPools): a new pool
 * may not overlap another, and a pool's CIDR and block size may not change, since addresses were handed
 * out from them. Runs after validation, so the pool's own CIDR is well formed.
 */
final class IpPoolAdmission {
  private IpPoolAdmission() {}

  /** The refusal, or null; {@code stored} is the pool this write replaces (null for a create). */
  static Admission.Refusal admit(IPPool pool, IPPool stored, ObjectStore store) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath spec = FieldPath.of("spec");
    String cidr = pool.getSpec().getCidr();
    if (stored == null) {
      Optional<Cidr> mine = Formats.parseCidr(cidr);
      for (IPPool other : store.list(IPPool.class, "IPPool")) {
        Optional<Cidr> theirs = Formats.parseCidr(String.valueOf(other.getSpec().getCidr()));
        if (mine.isPresent() && theirs.isPresent() && mine.get().overlaps(theirs.get())) {
          errs.add(FieldError.invalid(spec.child("cidr"), cidr, "overlaps IPPool \"" + other.getMetadata().getName() + "\" ("
              + other.getSpec().getCidr() + ")"));
        }
      }
    } else {
      if (!Objects.equals(cidr, stored.getSpec().getCidr())) {
        errs.add(FieldError.invalid(spec.child("cidr"), cidr, "field is immutable (it is " + stored.getSpec().getCidr()
            + "; delete the pool and create another)"));
      }
      if (!Objects.equals(pool.getSpec().getBlockSize(), stored.getSpec().getBlockSize())) {
        errs.add(FieldError.invalid(spec.child("blockSize"), pool.getSpec().getBlockSize(), "field is immutable (it is "
            + stored.getSpec().getBlockSize() + ")"));
      }
    }
    return errs.isEmpty() ? null : new Admission.Refusal(422, Json.write(Validation.invalidStatus(pool, errs)));
  }
}

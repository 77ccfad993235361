// Instruction family: loads and stores, continued — the interlocked instructions: COMPARE AND SWAP (CS CSY
// CSG), COMPARE DOUBLE AND SWAP (CDS CDSY CDSG), COMPARE AND SWAP AND STORE (CSST), the interlocked-access
// loads (LAA LAAL LAN LAO LAX and their 64-bit forms), LOAD PAIR DISJOINT, TEST AND SET, and the quadword
// LOAD/STORE PAIR (LPQ, STPQ).
//
// Each vCPU is a host thread, so these use host atomic operations directly on guest memory (the host
// pointer of an aligned operand, which never crosses a page). Guest storage is big-endian: values are
// byte-swapped before they meet the host atomics; AND/OR/XOR do not care about byte order and use
// fetch-and-op directly, ADD needs a compare-and-swap loop.
//
// 16-byte operands (CDSG, LPQ, STPQ, CSST function code 2 / store characteristic 4): on x86-64 hosts a
// `lock cmpxchg16b` emitted inline by the __sync builtins in functions compiled for the cx16 target (every
// x86-64 CPU since 2008 has it), so they are atomic with respect to every other host atomic, including the
// 8-byte ones other CPUs use on either half. An atomic 16-byte load is a compare-and-swap that writes back
// what it read. Other hosts use the __atomic builtins (inline on s390x and on aarch64 with LSE2).
#include <cstring>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/load_store_helpers.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using u128 = unsigned __int128;

// ---- Host atomics on big-endian guest values ---------------------------------------------------------------

template <typename T>
inline T* HostOperand(ExecContext& cpu, uint64_t addr, AccessType type) {
  return reinterpret_cast<T*>(cpu.Access(addr, sizeof(T), type));
}

// Compare-and-swap of a big-endian T at `p`. On failure `expected` receives the current value.
template <typename T>
inline bool CompareAndSwap(T* p, T& expected, T desired) {
  T exp_be = ToBigEndian(expected);
  if (__atomic_compare_exchange_n(p, &exp_be, ToBigEndian(desired), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
    return true;
  }
  expected = FromBigEndian(exp_be);
  return false;
}

// A quadword as the guest sees it: `hi` is the leftmost doubleword (the even register of a pair).
struct Quad {
  uint64_t hi;
  uint64_t lo;
};

// The host little-endian 128-bit image of a big-endian quadword and back.
inline u128 ToHost(Quad q) { return u128{ToBigEndian(q.lo)} << 64 | ToBigEndian(q.hi); }
inline Quad FromHost(u128 v) {
  return Quad{FromBigEndian(static_cast<uint64_t>(v)), FromBigEndian(static_cast<uint64_t>(v >> 64))};
}

#if defined(__x86_64__)
__attribute__((target("cx16"))) inline u128 HostCas128(u128* p, u128 expected, u128 desired) {
  return __sync_val_compare_and_swap(p, expected, desired);
}
#else
inline u128 HostCas128(u128* p, u128 expected, u128 desired) {
  __atomic_compare_exchange_n(p, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return expected;
}
#endif

// 16-byte compare-and-swap; on failure `expected` receives the current value.
inline bool CompareAndSwap128(uint8_t* host, Quad& expected, Quad desired) {
  u128* p = reinterpret_cast<u128*>(host);
  const u128 exp = ToHost(expected);
  const u128 old = HostCas128(p, exp, ToHost(desired));
  if (old == exp) return true;
  expected = FromHost(old);
  return false;
}

inline Quad AtomicLoad128(uint8_t* host) {
  return FromHost(HostCas128(reinterpret_cast<u128*>(host), 0, 0));
}

inline void AtomicStore128(uint8_t* host, Quad value) {
  u128* p = reinterpret_cast<u128*>(host);
  const u128 desired = ToHost(value);
  u128 cur = 0;
  for (;;) {
    const u128 old = HostCas128(p, cur, desired);
    if (old == cur) return;
    cur = old;
  }
}

// ---- COMPARE AND SWAP --------------------------------------------------------------------------------------
// The first operand (register) is compared with the second (storage, aligned to its size). Equal: the third
// operand is stored, CC 0. Unequal: the storage value is loaded into the first operand, CC 1. The storage
// operand is accessed for store in both cases.

template <Part P>
void ExecCS(ExecContext& cpu, const Insn& i) {
  using T = PartType<P>;
  const uint64_t addr = AddrB2(cpu, i);
  RequireAligned(addr, sizeof(T));
  T* p = HostOperand<T>(cpu, addr, AccessType::kStore);
  T expected = GetPart<P>(cpu, i.ops.r1);
  if (CompareAndSwap(p, expected, GetPart<P>(cpu, i.ops.r3))) {
    cpu.SetCc(0);
  } else {
    SetPart<P>(cpu, i.ops.r1, expected);
    cpu.SetCc(1);
  }
}

// CDS CDSY: even-odd pairs R1/R1+1 and R3/R3+1, bits 32-63 of each, against a doubleword.
void ExecCDS(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r3 = i.ops.r3;
  RequireEven(r1);
  RequireEven(r3);
  const uint64_t addr = AddrB2(cpu, i);
  RequireAligned(addr, 8);
  uint64_t* p = HostOperand<uint64_t>(cpu, addr, AccessType::kStore);
  uint64_t expected = uint64_t{cpu.s.gr_low(r1)} << 32 | cpu.s.gr_low(r1 + 1);
  const uint64_t desired = uint64_t{cpu.s.gr_low(r3)} << 32 | cpu.s.gr_low(r3 + 1);
  if (CompareAndSwap(p, expected, desired)) {
    cpu.SetCc(0);
  } else {
    cpu.s.set_gr_low(r1, static_cast<uint32_t>(expected >> 32));
    cpu.s.set_gr_low(r1 + 1, static_cast<uint32_t>(expected));
    cpu.SetCc(1);
  }
}

// CDSG: 64-bit pairs against a quadword.
void ExecCDSG(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r3 = i.ops.r3;
  RequireEven(r1);
  RequireEven(r3);
  const uint64_t addr = AddrB2(cpu, i);
  RequireAligned(addr, 16);
  uint8_t* host = cpu.Access(addr, 16, AccessType::kStore);
  Quad expected{cpu.s.gr[r1], cpu.s.gr[r1 + 1]};
  if (CompareAndSwap128(host, expected, Quad{cpu.s.gr[r3], cpu.s.gr[r3 + 1]})) {
    cpu.SetCc(0);
  } else {
    cpu.s.gr[r1] = expected.hi;
    cpu.s.gr[r1 + 1] = expected.lo;
    cpu.SetCc(1);
  }
}

// ---- COMPARE AND SWAP AND STORE ----------------------------------------------------------------------------
// GR0 bits 56-63: function code (0: 32-bit, 1: 64-bit, 2: 128-bit compare and swap), bits 48-55: store
// characteristic (store size 2^SC bytes, 0-4). GR1: the parameter list (bits 60-63 ignored): the
// replacement value at offset 0, the store value at offset 16, both left-aligned. The first operand is
// compared with R3 (R3/R3+1 for FC 2) and, if equal, replaced and the store value is stored at the second
// operand (CC 0); if unequal R3 is loaded from the first operand (CC 1) and nothing is stored. FC 2 and
// SC 4 need facility 33 (CSST facility 2).

constexpr int kFacilityCsst2 = 33;

// Stores sizeof(T) bytes, already in guest byte order, at an aligned host address in one access.
template <typename T>
inline void StoreRawAtomic(uint8_t* host, const uint8_t* bytes) {
  T raw;
  std::memcpy(&raw, bytes, sizeof(T));
  __atomic_store_n(reinterpret_cast<T*>(host), raw, __ATOMIC_SEQ_CST);
}

void ExecCSST(ExecContext& cpu, const Insn& i) {
  const uint8_t fc = static_cast<uint8_t>(cpu.s.gr[0]);
  const uint8_t sc = static_cast<uint8_t>(cpu.s.gr[0] >> 8);
  const uint8_t r3 = i.ops.r3;
  const bool csst2 = cpu.model().HasBit(kFacilityCsst2);
  if (fc > 2 || sc > 4 || ((fc == 2 || sc == 4) && !csst2)) SpecificationException();
  if (fc == 2) RequireEven(r3);
  const uint64_t a1 = AddrB1(cpu, i);
  const uint64_t a2 = AddrB2(cpu, i);
  const uint64_t op_size = uint64_t{4} << fc;
  const uint64_t store_size = uint64_t{1} << sc;
  RequireAligned(a1, op_size);
  RequireAligned(a2, store_size);

  // All fetches and access checks before any change.
  const uint64_t pl = cpu.Wrap(cpu.s.gr[1] & ~uint64_t{15});
  uint8_t params[32];
  cpu.ReadBytes(pl, params, 16 + store_size);
  uint8_t* op1 = cpu.Access(a1, op_size, AccessType::kStore);
  uint8_t* op2 = cpu.Access(a2, store_size, AccessType::kStore);

  bool equal;
  switch (fc) {
    case 0: {
      uint32_t expected = cpu.s.gr_low(r3);
      equal = CompareAndSwap(reinterpret_cast<uint32_t*>(op1), expected, LoadBigEndian<uint32_t>(params));
      if (!equal) cpu.s.set_gr_low(r3, expected);
      break;
    }
    case 1: {
      uint64_t expected = cpu.s.gr[r3];
      equal = CompareAndSwap(reinterpret_cast<uint64_t*>(op1), expected, LoadBigEndian<uint64_t>(params));
      if (!equal) cpu.s.gr[r3] = expected;
      break;
    }
    default: {
      Quad expected{cpu.s.gr[r3], cpu.s.gr[r3 + 1]};
      equal = CompareAndSwap128(op1, expected,
                                Quad{LoadBigEndian<uint64_t>(params), LoadBigEndian<uint64_t>(params + 8)});
      if (!equal) {
        cpu.s.gr[r3] = expected.hi;
        cpu.s.gr[r3 + 1] = expected.lo;
      }
      break;
    }
  }
  if (equal) {
    // The store is block-concurrent: one host store of the whole (aligned) value. The parameter list holds
    // it in guest byte order already.
    const uint8_t* sv = params + 16;
    switch (sc) {
      case 0: StoreRawAtomic<uint8_t>(op2, sv); break;
      case 1: StoreRawAtomic<uint16_t>(op2, sv); break;
      case 2: StoreRawAtomic<uint32_t>(op2, sv); break;
      case 3: StoreRawAtomic<uint64_t>(op2, sv); break;
      default: AtomicStore128(op2, Quad{LoadBigEndian<uint64_t>(sv), LoadBigEndian<uint64_t>(sv + 8)}); break;
    }
  }
  cpu.SetCc(equal ? 0 : 1);
}

// ---- Interlocked-access loads ------------------------------------------------------------------------------
// LOAD AND ADD/ADD LOGICAL/AND/OR/EXCLUSIVE OR (RSY-a: R1,R3,D2(B2)): the second operand (aligned to its
// size) is loaded into R1 and replaced by (second operand op R3), as one interlocked update. CC as for
// ADD / ADD LOGICAL / AND...; a signed overflow is a fixed-point overflow once R1 and storage are updated.

enum class Op { kAdd, kAddLogical, kAnd, kOr, kXor };

template <Op kOp, Part P>
void ExecLoadAndOp(ExecContext& cpu, const Insn& i) {
  using T = PartType<P>;
  const uint64_t addr = AddrB2(cpu, i);
  RequireAligned(addr, sizeof(T));
  T* p = HostOperand<T>(cpu, addr, AccessType::kStore);
  const T op3 = GetPart<P>(cpu, i.ops.r3);
  T old;
  T result;
  if constexpr (kOp == Op::kAnd || kOp == Op::kOr || kOp == Op::kXor) {
    // Bitwise operations commute with the byte order.
    const T op3_be = ToBigEndian(op3);
    T old_be;
    if constexpr (kOp == Op::kAnd) old_be = __atomic_fetch_and(p, op3_be, __ATOMIC_SEQ_CST);
    if constexpr (kOp == Op::kOr) old_be = __atomic_fetch_or(p, op3_be, __ATOMIC_SEQ_CST);
    if constexpr (kOp == Op::kXor) old_be = __atomic_fetch_xor(p, op3_be, __ATOMIC_SEQ_CST);
    old = FromBigEndian(old_be);
    if constexpr (kOp == Op::kAnd) result = old & op3;
    if constexpr (kOp == Op::kOr) result = old | op3;
    if constexpr (kOp == Op::kXor) result = old ^ op3;
    SetPart<P>(cpu, i.ops.r1, old);
    cpu.SetCc(CcZero(result));
  } else {
    T cur_be = __atomic_load_n(p, __ATOMIC_RELAXED);
    do {
      old = FromBigEndian(cur_be);
      result = old + op3;
    } while (!__atomic_compare_exchange_n(p, &cur_be, ToBigEndian(result), true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    SetPart<P>(cpu, i.ops.r1, old);
    if constexpr (kOp == Op::kAdd) {
      using S = std::make_signed_t<T>;
      S sum;
      const bool overflow = __builtin_add_overflow(static_cast<S>(old), static_cast<S>(op3), &sum);
      SetSignedArithmeticCc(cpu, sum, overflow);
    } else {
      cpu.SetCc(CcLogicalAdd(result, result < old));
    }
  }
}

// LOAD PAIR DISJOINT (SSF: R3,D1(B1),D2(B2)): the two operands into the even-odd pair R3/R3+1. CC 0 when
// they were fetched as one interlocked snapshot; here: when the first operand is unchanged after the second
// was fetched, otherwise CC 3 (the program retries).
template <Part P>
void ExecLPD(ExecContext& cpu, const Insn& i) {
  using T = PartType<P>;
  const uint8_t r3 = i.ops.r3;
  RequireEven(r3);
  const uint64_t a1 = AddrB1(cpu, i);
  const uint64_t a2 = AddrB2(cpu, i);
  RequireAligned(a1, sizeof(T));
  RequireAligned(a2, sizeof(T));
  T* p1 = HostOperand<T>(cpu, a1, AccessType::kFetch);
  T* p2 = HostOperand<T>(cpu, a2, AccessType::kFetch);
  const T v1 = __atomic_load_n(p1, __ATOMIC_SEQ_CST);
  const T v2 = __atomic_load_n(p2, __ATOMIC_SEQ_CST);
  const T again = __atomic_load_n(p1, __ATOMIC_SEQ_CST);
  SetPart<P>(cpu, r3, FromBigEndian(v1));
  SetPart<P>(cpu, r3 + 1, FromBigEndian(v2));
  cpu.SetCc(v1 == again ? 0 : 3);
}

// TEST AND SET: CC = leftmost bit of the byte at D1(B1), which becomes all ones (interlocked).
void ExecTS(ExecContext& cpu, const Insn& i) {
  uint8_t* p = cpu.Access(AddrB1(cpu, i), 1, AccessType::kStore);
  const uint8_t old = __atomic_exchange_n(p, uint8_t{0xff}, __ATOMIC_SEQ_CST);
  cpu.SetCc(old >> 7);
}

// LOAD PAIR FROM QUADWORD / STORE PAIR TO QUADWORD: R1 even, the operand quadword aligned, one 16-byte
// block-concurrent access.
void ExecLPQ(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  RequireEven(r1);
  const uint64_t addr = AddrX2(cpu, i);
  RequireAligned(addr, 16);
  const Quad q = AtomicLoad128(cpu.Access(addr, 16, AccessType::kFetch));
  cpu.s.gr[r1] = q.hi;
  cpu.s.gr[r1 + 1] = q.lo;
}

void ExecSTPQ(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  RequireEven(r1);
  const uint64_t addr = AddrX2(cpu, i);
  RequireAligned(addr, 16);
  AtomicStore128(cpu.Access(addr, 16, AccessType::kStore), Quad{cpu.s.gr[r1], cpu.s.gr[r1 + 1]});
}

}  // namespace

void RegisterAtomic(HandlerTable& table) {
  constexpr Part kLow = Part::kLow;
  constexpr Part kFull = Part::kFull;

  table.Set<&ExecCS<kLow>>(InsnId::kCS);
  table.Set<&ExecCS<kLow>>(InsnId::kCSY);
  table.Set<&ExecCS<kFull>>(InsnId::kCSG);
  table.Set<&ExecCDS>(InsnId::kCDS);
  table.Set<&ExecCDS>(InsnId::kCDSY);
  table.Set<&ExecCDSG>(InsnId::kCDSG);
  table.Set<&ExecCSST>(InsnId::kCSST);

  table.Set<&ExecLoadAndOp<Op::kAdd, kLow>>(InsnId::kLAA);
  table.Set<&ExecLoadAndOp<Op::kAdd, kFull>>(InsnId::kLAAG);
  table.Set<&ExecLoadAndOp<Op::kAddLogical, kLow>>(InsnId::kLAAL);
  table.Set<&ExecLoadAndOp<Op::kAddLogical, kFull>>(InsnId::kLAALG);
  table.Set<&ExecLoadAndOp<Op::kAnd, kLow>>(InsnId::kLAN);
  table.Set<&ExecLoadAndOp<Op::kAnd, kFull>>(InsnId::kLANG);
  table.Set<&ExecLoadAndOp<Op::kOr, kLow>>(InsnId::kLAO);
  table.Set<&ExecLoadAndOp<Op::kOr, kFull>>(InsnId::kLAOG);
  table.Set<&ExecLoadAndOp<Op::kXor, kLow>>(InsnId::kLAX);
  table.Set<&ExecLoadAndOp<Op::kXor, kFull>>(InsnId::kLAXG);
  table.Set<&ExecLPD<kLow>>(InsnId::kLPD);
  table.Set<&ExecLPD<kFull>>(InsnId::kLPDG);

  table.Set<&ExecTS>(InsnId::kTS);
  table.Set<&ExecLPQ>(InsnId::kLPQ);
  table.Set<&ExecSTPQ>(InsnId::kSTPQ);
}

}  // namespace s390vmm::interp

// Tests of the translations with operands in registers (translate.cc): TRE, TROO, TROT, TRTO, TRTT,
// TRTE, TRTRE on a real Interpreter, including CC 3 continuation and the ETF2-enhancement controls.
#include <string>
#include <vector>

#include "cpu/interp/storage_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint16_t kTre = 0xb2a5, kTroo = 0xb993, kTrot = 0xb992, kTrto = 0xb991, kTrtt = 0xb990, kTrte = 0xb9bf,
                   kTrtre = 0xb9bd;

// --- TRE, TROO/TROT/TRTO/TRTT, TRTE/TRTRE ------------------------------------------------------------------

TEST(TranslateTest, Tre) {
  StorageTester t;
  Bytes table(256);
  for (int i = 0; i < 256; ++i) table[i] = static_cast<uint8_t>(i ^ 0x20);
  t.Put(0x40000, table);
  t.Put(0x20000, Str("Hello.World"));
  t.SetGr(0, '.');
  t.SetGr(2, 0x20000);
  t.SetGr(3, 11);
  t.SetGr(4, 0x40000);
  InsnResult r = t.RunToCompletion(RRE(kTre, 2, 4));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x20005u);
  EXPECT_EQ(t.gr(3), 6u);
  EXPECT_EQ(t.Get(0x20000, 11), Str("hELLO.World"));
  // Long operand without the test byte: CC 3 steps, then CC 0.
  t.Fill(0x100000, 10000, 'a');
  t.SetGr(2, 0x100000);
  t.SetGr(3, 10000);
  int executions = 0;
  r = t.RunToCompletion(RRE(kTre, 2, 4), &executions);
  EXPECT_EQ(r.cc, 0);
  EXPECT_GT(executions, 1);
  EXPECT_EQ(t.Get(0x100000, 10000), Bytes(10000, 'A'));
  EXPECT_EQ(t.gr(2), 0x100000u + 10000);
  EXPECT_EQ(t.Run(RRE(kTre, 3, 4)).code, ProgramInterruptCode::kSpecification);
}

TEST(TranslateTest, TranslateOneTwo) {
  StorageTester t;
  // TROT: one-byte arguments to two-byte results.
  Bytes table(512);
  for (int i = 0; i < 256; ++i) {
    table[2 * i] = 0x10;
    table[2 * i + 1] = static_cast<uint8_t>(i);
  }
  table[2 * 'z'] = 0xff;  // the test character 0xff7a
  table[2 * 'z' + 1] = 0x7a;
  t.Put(0x40000, table);
  t.Put(0x20000, Str("abz"));
  t.SetGr(0, 0xff7a);
  t.SetGr(1, 0x40003);  // the low three bits of the table address are ignored
  t.SetGr(2, 0x30000);
  t.SetGr(3, 3);
  t.SetGr(4, 0x20000);
  InsnResult r = t.RunToCompletion(RRF(kTrot, 2, 4, 0));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.Get(0x30000, 4), (Bytes{0x10, 'a', 0x10, 'b'}));
  EXPECT_EQ(t.gr(2), 0x30004u);
  EXPECT_EQ(t.gr(3), 1u);
  EXPECT_EQ(t.gr(4), 0x20002u);
  // M3 bit 3 (with the ETF2 enhancement) turns the test off.
  r = t.RunToCompletion(RRF(kTrot, 2, 4, 1));
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x30004, 2), (Bytes{0xff, 0x7a}));
  EXPECT_EQ(t.gr(3), 0u);
}

TEST(TranslateTest, TranslateTwoOneAndTwoTwo) {
  StorageTester t;
  // TRTO with a 64 KiB table of one-byte entries: entry = low byte of the argument + 1.
  Bytes table(65536);
  for (int i = 0; i < 65536; ++i) table[i] = static_cast<uint8_t>(i + 1);
  t.Put(0x100000, table);
  t.Put(0x20000, {0x12, 0x34, 0xab, 0xcd});
  t.SetGr(0, 0);
  t.SetGr(1, 0x100000);
  t.SetGr(2, 0x30000);
  t.SetGr(3, 4);
  t.SetGr(4, 0x20000);
  InsnResult r = t.RunToCompletion(RRF(kTrto, 2, 4, 0));
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x30000, 2), (Bytes{0x35, 0xce}));
  // TRTT: two-byte entries; the length must be a multiple of two.
  Bytes table2(131072);
  for (int i = 0; i < 65536; ++i) {
    table2[2 * i] = static_cast<uint8_t>(i);
    table2[2 * i + 1] = static_cast<uint8_t>(i >> 8);
  }
  t.Put(0x200000, table2);
  t.SetGr(1, 0x200000);
  t.SetGr(2, 0x30000);
  t.SetGr(3, 4);
  t.SetGr(4, 0x20000);
  r = t.RunToCompletion(RRF(kTrtt, 2, 4, 0));
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x30000, 4), (Bytes{0x34, 0x12, 0xcd, 0xab}));
  t.SetGr(3, 3);
  EXPECT_EQ(t.Run(RRF(kTrtt, 2, 4, 0)).code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(t.Run(RRF(kTroo, 3, 4, 0)).code, ProgramInterruptCode::kSpecification);
}

TEST(TranslateTest, TrtoTableIs4KAlignedWithoutTheEtf2Enhancement) {
  StorageTester t(StringTestModelWithoutEnhancements());
  Bytes table(65536, 0x11);
  t.Put(0x100000, table);
  t.Put(0x20000, {0x00, 0x00});
  t.SetGr(0, 0);
  t.SetGr(1, 0x100ff8);  // rounded down to 0x100000
  t.SetGr(2, 0x30000);
  t.SetGr(3, 2);
  t.SetGr(4, 0x20000);
  t.Put(0x100ff8, {0x99});
  InsnResult r = t.RunToCompletion(RRF(kTrto, 2, 4, 1));  // M3 is ignored without the enhancement
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x30000, 1), Bytes{0x11});
}

TEST(TranslateTest, TranslateAndTestExtended) {
  StorageTester t;
  Bytes table(256, 0);
  table['='] = 3;
  t.Put(0x40000, table);
  t.Put(0x20000, Str("key=value"));
  t.SetGr(1, 0x40000);
  t.SetGr(2, 0x20000);
  t.SetGr(3, 9);
  t.SetGr(4, 0xffffffffffffffff);
  InsnResult r = t.RunToCompletion(RRF(kTrte, 2, 4, 0));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x20003u);
  EXPECT_EQ(t.gr(3), 6u);
  EXPECT_EQ(t.gr(4), 3u);
  // Reverse from the last character.
  t.SetGr(2, 0x20008);
  t.SetGr(3, 9);
  r = t.RunToCompletion(RRF(kTrtre, 2, 4, 0));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x20003u);
  EXPECT_EQ(t.gr(3), 4u);
  // No function code: CC 0, the operand consumed.
  t.SetGr(2, 0x20000);
  t.SetGr(3, 3);
  r = t.RunToCompletion(RRF(kTrte, 2, 4, 0));
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.gr(3), 0u);
}

}  // namespace
}  // namespace s390vmm::interp::testing

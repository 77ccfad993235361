// File: cpu/program_interrupt.h
//
// Program-interruption codes (PoP "Program-Interruption Conditions"), as the guest sees them in the
// lowcore at 0x8e. A guest-caused fault is one of these values, never a host error.
#ifndef S390VMM_CPU_PROGRAM_INTERRUPT_H_
#define S390VMM_CPU_PROGRAM_INTERRUPT_H_

#include <cstdint>

namespace s390vmm {

enum class ProgramInterruptCode : uint16_t {
  kOperation = 0x01,
  kPrivilegedOperation = 0x02,
  kExecute = 0x03,
  kProtection = 0x04,
  kAddressing = 0x05,
  kSpecification = 0x06,
  kData = 0x07,
  kFixedPointOverflow = 0x08,
  kFixedPointDivide = 0x09,
  kDecimalOverflow = 0x0a,
  kDecimalDivide = 0x0b,
  kHfpExponentOverflow = 0x0c,
  kHfpExponentUnderflow = 0x0d,
  kHfpSignificance = 0x0e,
  kHfpDivide = 0x0f,
  kSegmentTranslation = 0x10,
  kPageTranslation = 0x11,
  kTranslationSpecification = 0x12,
  kSpecialOperation = 0x13,
  kOperand = 0x15,
  kTrace = 0x16,
  kVectorProcessing = 0x1b,
  kSpaceSwitchEvent = 0x1c,
  kHfpSquareRoot = 0x1d,
  kPcTranslationSpecification = 0x1f,
  kAfxTranslation = 0x20,
  kAsxTranslation = 0x21,
  kLxTranslation = 0x22,
  kExTranslation = 0x23,
  kPrimaryAuthority = 0x24,
  kSecondaryAuthority = 0x25,
  kAleTranslation = 0x28,
  kAleSequence = 0x29,
  kAstenValidity = 0x2a,
  kAstenSequence = 0x2b,
  kExtendedAuthority = 0x2c,
  kStackFull = 0x30,
  kStackEmpty = 0x31,
  kStackSpecification = 0x32,
  kStackType = 0x33,
  kStackOperation = 0x34,
  kAsceType = 0x38,
  kRegionFirstTranslation = 0x39,
  kRegionSecondTranslation = 0x3a,
  kRegionThirdTranslation = 0x3b,
  kSecureStorageAccess = 0x3d,
  kNonSecureStorageAccess = 0x3e,
  kMonitorEvent = 0x40,
  kPer = 0x80,
  kCryptoOperation = 0x119,
  kTransactionConstraint = 0x218,
};

// The PoP's name of a code ("operation", "page translation"), for messages and traces.
const char* ProgramInterruptName(ProgramInterruptCode code);

}  // namespace s390vmm

#endif  // S390VMM_CPU_PROGRAM_INTERRUPT_H_

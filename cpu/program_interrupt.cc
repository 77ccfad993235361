#include "cpu/program_interrupt.h"

namespace s390vmm {

const char* ProgramInterruptName(ProgramInterruptCode code) {
  switch (code) {
    case ProgramInterruptCode::kOperation: return "operation";
    case ProgramInterruptCode::kPrivilegedOperation: return "privileged operation";
    case ProgramInterruptCode::kExecute: return "execute";
    case ProgramInterruptCode::kProtection: return "protection";
    case ProgramInterruptCode::kAddressing: return "addressing";
    case ProgramInterruptCode::kSpecification: return "specification";
    case ProgramInterruptCode::kData: return "data";
    case ProgramInterruptCode::kFixedPointOverflow: return "fixed-point overflow";
    case ProgramInterruptCode::kFixedPointDivide: return "fixed-point divide";
    case ProgramInterruptCode::kDecimalOverflow: return "decimal overflow";
    case ProgramInterruptCode::kDecimalDivide: return "decimal divide";
    case ProgramInterruptCode::kHfpExponentOverflow: return "HFP exponent overflow";
    case ProgramInterruptCode::kHfpExponentUnderflow: return "HFP exponent underflow";
    case ProgramInterruptCode::kHfpSignificance: return "HFP significance";
    case ProgramInterruptCode::kHfpDivide: return "HFP divide";
    case ProgramInterruptCode::kSegmentTranslation: return "segment translation";
    case ProgramInterruptCode::kPageTranslation: return "page translation";
    case ProgramInterruptCode::kTranslationSpecification: return "translation specification";
    case ProgramInterruptCode::kSpecialOperation: return "special operation";
    case ProgramInterruptCode::kOperand: return "operand";
    case ProgramInterruptCode::kTrace: return "trace table";
    case ProgramInterruptCode::kVectorProcessing: return "vector processing";
    case ProgramInterruptCode::kSpaceSwitchEvent: return "space-switch event";
    case ProgramInterruptCode::kHfpSquareRoot: return "HFP square root";
    case ProgramInterruptCode::kAsceType: return "ASCE type";
    case ProgramInterruptCode::kRegionFirstTranslation: return "region-first translation";
    case ProgramInterruptCode::kRegionSecondTranslation: return "region-second translation";
    case ProgramInterruptCode::kRegionThirdTranslation: return "region-third translation";
    case ProgramInterruptCode::kSecureStorageAccess: return "secure-storage access";
    case ProgramInterruptCode::kNonSecureStorageAccess: return "non-secure-storage access";
    case ProgramInterruptCode::kMonitorEvent: return "monitor event";
    case ProgramInterruptCode::kPer: return "PER event";
    case ProgramInterruptCode::kCryptoOperation: return "crypto operation";
    case ProgramInterruptCode::kTransactionConstraint: return "transaction constraint";
    default: return "program";
  }
}

}  // namespace s390vmm

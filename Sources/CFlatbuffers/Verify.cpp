#include "mote_flatbuffers.h"
#include "generated/tflite_generated.h"

extern "C" int mote_fb_verify_model(const uint8_t *data, size_t size) {
  flatbuffers::Verifier verifier(data, size);
  return tflite::VerifyModelBuffer(verifier) ? 1 : 0;
}

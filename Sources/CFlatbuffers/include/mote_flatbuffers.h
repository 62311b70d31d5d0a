#ifndef MOTE_FLATBUFFERS_H
#define MOTE_FLATBUFFERS_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
/// Runs the flatbuffers C++ verifier (generated from schema/tflite.fbs) over a whole .tflite
/// buffer, including the "TFL3" file identifier. Returns 1 when the buffer is valid, 0 otherwise.
int mote_fb_verify_model(const uint8_t *data, size_t size);
#ifdef __cplusplus
}
#endif
#endif

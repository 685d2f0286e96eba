// The C library's allocator settings (mallopt), where the C library has them.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

// glibc's allocator tuning (mallopt), for the command-line tool's start-up.
#include <malloc.h>

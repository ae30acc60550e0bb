/* The kernel's version, reported at boot and (later) in the init info. */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define A9N_KERNEL_VERSION "0.1.0"

#endif

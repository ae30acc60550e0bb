#!/bin/bash
# Make sure the Debian packages the build and tests need are installed.
# As root, missing ones are installed; otherwise the exact apt-get line is
# printed and the build stops.
set -eu

# command-or-file  package
REQUIREMENTS="
clang clang
ld.lld lld
llvm-ar llvm
llvm-objcopy llvm
nasm nasm
make make
qemu-system-x86_64 qemu-system-x86
qemu-system-riscv64 qemu-system-misc
/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin opensbi
/usr/include/cmocka.h libcmocka-dev
dtc device-tree-compiler
/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev
timeout coreutils
python3 python3
gdb-multiarch gdb-multiarch
lld-link lld
/usr/include/efi/efi.h gnu-efi
/usr/share/OVMF/OVMF_CODE.fd ovmf
mformat mtools
sgdisk gdisk
/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin u-boot-qemu
mkimage u-boot-tools
/usr/sbin/sfdisk fdisk
mcopy mtools
/usr/src/newlib/newlib-3.3.0.tar.xz newlib-source
/usr/lib/gcc-cross/riscv64-linux-gnu/12/libgcc.a libgcc-12-dev-riscv64-cross
"

missing=""
while read -r thing package; do
    [ -n "$thing" ] || continue
    if [ "${thing#/}" != "$thing" ]; then
        [ -e "$thing" ] && continue
    else
        command -v "$thing" >/dev/null 2>&1 && continue
    fi
    case " $missing " in *" $package "*) ;; *) missing="$missing $package" ;; esac
done <<<"$REQUIREMENTS"

[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "Installing missing packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq $missing >/dev/null
else
    echo "Missing packages. Run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi

package fdtable

// maxDatagram is room for the largest UDP payload (65,507 bytes over
// IPv4, 65,527 over IPv6). recvfrom(2) into less room drops the rest of
// the datagram, so reads of a datagram socket never ask for less.
const maxDatagram = 64 << 10

// datagram reports whether reads of the kind take whole datagrams.
func (k Kind) datagram() bool { return k == KindUDP || k == KindBound }

// readDatagram is one read of a datagram socket into p, with read doing
// the system call, that loses nothing: a datagram larger than p is read
// whole into a buffer of its own, and what does not fit waits in c.dgram
// for the next reads, which take it before reading the socket again.
// Callers that read in small blocks (io.Copy's 32 KiB, a line reader)
// therefore see every byte of a 64 KiB datagram, as /bin/cat with its
// 128 KiB reads does. Every byte leaves here once, so the callers' counts
// and traces of what a read returned stay right. Caller holds the read
// slot.
func (c *Channel) readDatagram(p []byte, read func([]byte) (int, error)) (int, error) {
	c.bmu.Lock()
	if len(c.dgram) > 0 {
		n := copy(p, c.dgram)
		c.dgram = c.dgram[n:]
		if len(c.dgram) == 0 {
			c.dgram = nil
		}
		c.bmu.Unlock()
		return n, nil
	}
	c.bmu.Unlock()
	if len(p) >= maxDatagram {
		return read(p)
	}
	buf := make([]byte, maxDatagram)
	n, err := read(buf)
	m := copy(p, buf[:n])
	if m < n {
		c.bmu.Lock()
		c.dgram = buf[m:n]
		c.bmu.Unlock()
	}
	return m, err
}

// dgramPending reports whether the rest of a datagram waits in c.dgram.
func (c *Channel) dgramPending() bool {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	return len(c.dgram) > 0
}

// datagramReader is what the copy paths get instead of a datagram socket
// itself (there is no splice or sendfile from one): reads go through
// readDatagram.
type datagramReader struct{ c *Channel }

func (r datagramReader) Read(p []byte) (int, error) { return r.c.rawRead(p) }

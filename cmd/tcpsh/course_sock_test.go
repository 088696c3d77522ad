//go:build linux

package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// courseServer is a course server script running under tcpsh.
type courseServer struct {
	port string
	cmd  *exec.Cmd
	rest chan string // what it printed after its first line, at exit
	done chan error
}

// startCourseServer runs scripts/course/NAME under tcpsh with port 0 and
// extra arguments, and waits (bounded) for its first line, which ends
// with ":PORT". The server's process group is killed at cleanup.
func startCourseServer(t *testing.T, name string, stdin string, args ...string) *courseServer {
	t.Helper()
	needShells(t)
	dir := t.TempDir()
	cmd := exec.Command(shellUnderTest, append([]string{scriptPath(t, "course/"+name), "0"}, args...)...)
	cmd.Args[0] = "tcpsh"
	cmd.Dir = dir
	cmd.Env = scriptEnv(dir, os.TempDir(), "C")
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	s := &courseServer{cmd: cmd, rest: make(chan string, 1), done: make(chan error, 1)}
	br := bufio.NewReader(out)
	first := make(chan string, 1)
	go func() {
		line, _ := br.ReadString('\n')
		first <- line
		rest, _ := io.ReadAll(br)
		s.rest <- string(rest)
		s.done <- cmd.Wait()
	}()
	select {
	case line := <-first:
		i := strings.LastIndexByte(line, ':')
		require.Positive(t, i, "first line %q names no port", line)
		s.port = strings.TrimSpace(line[i+1:])
	case <-time.After(scriptTimeout):
		t.Fatalf("%s printed no address within %v", name, scriptTimeout)
	}
	return s
}

// wait returns what the server printed after its first line, once it has
// exited by itself (bounded in time), and its exit status.
func (s *courseServer) wait(t *testing.T) (string, int) {
	t.Helper()
	select {
	case rest := <-s.rest:
		<-s.done
		return rest, s.cmd.ProcessState.ExitCode()
	case <-time.After(scriptTimeout):
		t.Fatalf("server did not finish within %v", scriptTimeout)
	}
	return "", -1
}

// clientShells are the shells a client script is run with: tcpsh, and
// bash where bash can do it (/dev/tcp; bash's read of a UDP socket takes
// a byte and loses the rest of the datagram).
func clientShells(t *testing.T, bashToo bool) map[string]string {
	needShells(t)
	m := map[string]string{"tcpsh": shellUnderTest}
	if bashToo {
		m["bash"] = refBash
	}
	return m
}

func TestCourseScripts(t *testing.T) {
	tests := []struct {
		name           string
		server, client string
		serverStdin    string
		args           []string // client arguments after HOST PORT
		clientStdin    string
		bashClient     bool
		wantServer     string // after the first line
		wantClient     string
		clientStatus   int
	}{
		{name: "tcp one-way", server: "tcp-oneway-server.sh", client: "tcp-oneway-client.sh",
			args: []string{"你好"}, bashClient: true,
			wantServer: "客户端发来的数据为你好\n"},
		{name: "tcp one-way default message", server: "tcp-oneway-server.sh", client: "tcp-oneway-client.sh",
			bashClient: true, wantServer: "客户端发来的数据为你好\n"},
		{name: "tcp chat", server: "tcp-chat-server.sh", client: "tcp-chat-client.sh",
			args: []string{"你好", "在吗", "bye"}, bashClient: true,
			wantServer: "客户端发来的数据为你好\n客户端发来的数据为在吗\n客户端发来的数据为bye\n",
			wantClient: "服务器对我说\t你好，我是服务器，我接收到你的请求了\n服务器对我说\t你好，我是服务器，我接收到你的请求了\n服务器对我说\tbye\n"},
		{name: "tcp chat typed answers", server: "tcp-chat-server.sh", client: "tcp-chat-client.sh",
			serverStdin: "收到\n", clientStdin: "一\n二\n", bashClient: true,
			wantServer: "客户端发来的数据为一\n客户端发来的数据为二\n",
			wantClient: "服务器对我说\t收到\n服务器对我说\t你好，我是服务器，我接收到你的请求了\n"},
		{name: "login ok", server: "login-server.sh", client: "login-client.sh",
			args: []string{"娜娜", "123123"}, bashClient: true,
			wantServer: "用户 娜娜 登录：true\n", wantClient: "登录成功\n"},
		{name: "login refused", server: "login-server.sh", client: "login-client.sh",
			args: []string{"娜娜", "123"}, bashClient: true,
			wantServer: "用户 娜娜 登录：false\n", wantClient: "登录失败\n", clientStatus: 1},
		{name: "login asks", server: "login-server.sh", client: "login-client.sh",
			clientStdin: "娜娜\n123123\n", bashClient: true,
			wantServer: "用户 娜娜 登录：true\n", wantClient: "请录入您的账号：\n请录入您的密码：\n登录成功\n"},
		{name: "udp one-way", server: "udp-recv.sh", client: "udp-send.sh",
			args: []string{"你好"}, bashClient: true,
			wantServer: "学生对我说：你好\n", wantClient: "学生上线...\n"},
		{name: "udp chat", server: "udp-chat-teacher.sh", client: "udp-chat-student.sh",
			serverStdin: "同学好\n", args: []string{"老师好", "再见", "bye"},
			wantServer: "学生对我说：老师好\n学生对我说：再见\n学生对我说：bye\n",
			wantClient: "学生上线...\n老师对我说：同学好\n老师对我说：同学，你也好\n老师对我说：bye\n"},
	}
	for _, tc := range tests {
		for shName, sh := range clientShells(t, tc.bashClient) {
			t.Run(tc.name+"/"+shName+" client", func(t *testing.T) {
				srv := startCourseServer(t, tc.server, tc.serverStdin)
				args := append([]string{scriptPath(t, "course/"+tc.client), "127.0.0.1", srv.port}, tc.args...)
				got := runSockShell(t, sh, t.TempDir(), sockCase{args: args, stdin: []byte(tc.clientStdin)})
				assert.Equal(t, tc.wantClient, got.stdout, "client stdout")
				assert.Equal(t, "", got.stderr, "client stderr")
				assert.Equal(t, tc.clientStatus, got.status, "client status")
				rest, status := srv.wait(t)
				assert.Equal(t, tc.wantServer, rest, "server output")
				assert.Equal(t, 0, status, "server status")
			})
		}
	}
}

// The multi-client server counts clients served at once by background
// subshells, tcpsh and bash clients alike.
func TestCourseMultiServer(t *testing.T) {
	const clients = 4
	srv := startCourseServer(t, "multi-server.sh", "", "4")
	type result struct {
		res  runResult
		want string
	}
	results := make([]result, clients)
	var wg sync.WaitGroup
	for i := range clients {
		sh, pwd, want := shellUnderTest, "123123", "登录成功\n"
		if i%2 == 1 {
			sh = refBash
		}
		if i == 3 {
			pwd, want = "wrong", "登录失败\n"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := []string{scriptPath(t, "course/login-client.sh"), "127.0.0.1", srv.port, "娜娜", pwd}
			results[i] = result{runSockShell(t, sh, t.TempDir(), sockCase{args: args}), want}
		}()
	}
	wg.Wait()
	for i, r := range results {
		assert.Equal(t, r.want, r.res.stdout, "client %d", i)
	}
	rest, status := srv.wait(t)
	assert.Equal(t, 0, status)
	var want bytes.Buffer
	for i := 1; i <= clients; i++ {
		want.WriteString("当前是第" + string(rune('0'+i)) + "个用户访问我们的服务器,对应的用户是：127.0.0.1\n")
	}
	want.WriteString("共服务 4 个用户\n")
	assert.Equal(t, want.String(), rest)
}

// The demo is self-contained: it serves its own page, does the exercise
// against it, shows fd and lsof, and ends by itself quickly.
func TestDemoScript(t *testing.T) {
	start := time.Now()
	got := tcpshRun(t, sockCase{args: []string{scriptPath(t, "demo.sh")}, timeout: 10 * time.Second})
	elapsed := time.Since(start)
	assert.Equal(t, 0, got.status, got.stderr)
	assert.Equal(t, "", got.stderr)
	assert.Less(t, elapsed, 3*time.Second, "the demo should take well under 3 s")
	for _, want := range []string{
		"$ listen -p port 0\nlistening on 127.0.0.1:",
		" tcp-listen  127.0.0.1:",
		"$ exec 8<> /dev/tcp/127.0.0.1/",
		" ESTABLISHED ",
		" (LISTEN)\n",
		"$ echo -e \"GET / HTTP/1.0\\n\" 1>& 8\n\n$ cat 0<& 8\nHTTP/1.0 200 OK\r\n",
		"<h1>你好，tcpsh</h1><p>GET / HTTP/1.0, answered by listen/accept</p>",
		"CLOSE_WAIT",
		"== 3. stop the server",
	} {
		assert.Contains(t, got.stdout, want)
	}
	// After the server stops, only stdio is left in the table.
	last := got.stdout[strings.LastIndex(got.stdout, "$ kill"):]
	assert.NotContains(t, last, "tcp")
}

// listen and accept respect the open-files limit as the kernel would:
// no number from 10 up below the limit, no socket.
func TestListenFileLimit(t *testing.T) {
	tests := []struct {
		name, src, stdout, stderr string
	}{
		{"listen", `ulimit -n 10; listen 0; echo st=$?`, "st=1\n",
			"tcpsh: line 1: listen: Too many open files\n"},
		{"accept", `ulimit -n 12; listen -p p 0; exec 11</dev/null; exec 3<>/dev/tcp/127.0.0.1/$p; accept 10; echo st=$?`, "st=1\n",
			"tcpsh: line 1: accept: Too many open files\n"},
		{"under the limit", `ulimit -n 12; listen -v l 0; echo $l`, "10\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Numbers inherited from whoever ran the tests must not count.
			got := tcpshRun(t, script("exec 10<&- 11<&- 12<&-; "+tc.src))
			assert.Equal(t, tc.stdout, got.stdout)
			assert.Equal(t, tc.stderr, got.stderr)
		})
	}
}

export function App() {
  return (
    <main>
      <h1>Student Helper</h1>
      <p>Upload your PDFs and ask questions about them.</p>
    </main>
  );
}

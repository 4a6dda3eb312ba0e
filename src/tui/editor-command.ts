// Which editor the trainer hands the terminal to: $KUBE_EDITOR (as kubectl edit), $VISUAL,
// $EDITOR, else vi. Its own module so the first frame need not load external-editor.ts.
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.KUBE_EDITOR?.trim() || env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

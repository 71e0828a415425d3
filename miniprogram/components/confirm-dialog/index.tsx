import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import './index.css';

export interface ConfirmDialogProps {
  id: string;
  title: string;
  children: ReactNode;
  confirmText: string;
  cancelText?: string;
  /** Irreversible money movements (refunds) get the red button. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question with the facts needed to answer it (amounts, consequences). Own component rather
 * than showModal: the content is rich text and the same on weapp and H5.
 */
export function ConfirmDialog({ id, title, children, confirmText, cancelText = '再想想', danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <View className='overlay dialog-mask' id={id} catchMove>
      <View className='dialog'>
        <Text className='dialog__title'>{title}</Text>
        <View className='dialog__body'>{children}</View>
        <View className='dialog__actions'>
          <Button className='btn btn--ghost dialog__btn' id={`${id}-cancel`} disabled={busy || undefined} onClick={onCancel}>
            {cancelText}
          </Button>
          <Button className={`btn ${danger ? 'btn--danger' : 'btn--primary'} dialog__btn`} id={`${id}-confirm`} disabled={busy || undefined} onClick={onConfirm}>
            {busy ? '处理中…' : confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
